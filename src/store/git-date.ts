// The dates git takes from GIT_AUTHOR_DATE and GIT_COMMITTER_DATE, in the forms scripts give them:
// git's own raw form (`1765022400 +0100`, `@1765022400`, what rebase and am pass on), ISO 8601
// (`2026-12-06T12:00:00Z`, `2026-12-06 12:00:00 +0100`) and RFC 2822 (`Sun, 6 Dec 2026 12:00:00
// +0000`). A date given without a zone is local time, as git reads it.
import type { Signature } from './git-format.js';

export type GitDate = Pick<Signature, 'timestamp' | 'timezoneOffset'>;

// A bare number is seconds since the epoch from 100000000 on (1973), as git takes it.
const RAW = /^(?:@(\d+)|(\d{9,}))(?:\s+([+-])(\d{2})(\d{2}))?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|([+-])(\d{2}):?(\d{2}))?$/i;
const RFC2822 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2})(\d{2}))?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Minutes past 59 make no zone (NaN, refused).
const zoneMinutes = (sign: string, hours: string, minutes: string) => (Number(minutes) > 59 ? NaN : (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)));

/** A calendar time in a zone (minutes east of UTC), or in local time when the zone is not given. */
function at(year: number, month: number, day: number, hours: number, minutes: number, seconds: number, zone: number | undefined): GitDate | undefined {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 60) return undefined;
  if (zone === undefined) {
    const local = new Date(year, month, day, hours, minutes, seconds);
    return { timestamp: Math.floor(local.getTime() / 1000), timezoneOffset: -local.getTimezoneOffset() };
  }
  return { timestamp: Date.UTC(year, month, day, hours, minutes, seconds) / 1000 - zone * 60, timezoneOffset: zone };
}

/**
 * 2099-12-31T23:59:59Z: the last date git reads in a calendar form or as a bare count of seconds;
 * only git's own object form (`@<seconds> <zone>`) goes past it.
 */
const LAST_CALENDAR_SECOND = 4102444799;
/** Seconds from 100000000 (1973) on, as git reads a bare count without its object form. */
const FIRST_BARE_SECOND = 100000000;
const OBJECT_FORM = /^@\d+\s+[+-]\d{4}$/;

/**
 * The date `text` names, or undefined when it is in none of the forms above, or is one git refuses
 * (before 1970, after 2099 but in its object form, a zone of 24 hours or more): written into a
 * commit it would fail `git fsck` or read back as another date.
 */
export function parseGitDate(text: string): GitDate | undefined {
  const value = text.trim();
  const date = parseDate(value);
  if (!date || !Number.isSafeInteger(date.timestamp) || date.timestamp < 0 || !(Math.abs(date.timezoneOffset) < 24 * 60)) return undefined;
  if (OBJECT_FORM.test(value)) return date;
  if (value.startsWith('@') && date.timestamp < FIRST_BARE_SECOND) return undefined;
  return date.timestamp <= LAST_CALENDAR_SECOND ? date : undefined;
}

function parseDate(value: string): GitDate | undefined {
  const raw = RAW.exec(value);
  if (raw) {
    const [, marked, bare, sign, hours, minutes] = raw;
    return { timestamp: Number(marked ?? bare), timezoneOffset: sign ? zoneMinutes(sign, hours!, minutes!) : 0 };
  }
  const iso = ISO.exec(value);
  if (iso) {
    const [, year, month, day, hours = '0', minutes = '0', seconds = '0', zone, sign, zoneHours, zoneMinutesText] = iso;
    const offset = zone === undefined ? undefined : sign === undefined ? 0 : zoneMinutes(sign, zoneHours!, zoneMinutesText!);
    return at(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes), Number(seconds), offset);
  }
  const rfc = RFC2822.exec(value);
  if (rfc) {
    const [, day, monthName, year, hours, minutes, seconds = '0', sign, zoneHours, zoneMinutesText] = rfc;
    const month = MONTHS.indexOf(monthName!.toLowerCase());
    return at(Number(year), month, Number(day), Number(hours), Number(minutes), Number(seconds), sign === undefined ? undefined : zoneMinutes(sign, zoneHours!, zoneMinutesText!));
  }
  return undefined;
}
