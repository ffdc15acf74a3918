// The dates git takes from GIT_AUTHOR_DATE and GIT_COMMITTER_DATE, read as git's strict date parser
// reads them (date.c, parse_date_basic: not the approxidate of `--since`, which knows "yesterday").
// That parser is no grammar but a scan of the text, left to right. A word is a month (`Apr`,
// `April`), a weekday (passed over), a zone name (`GMT`, `CEST`), AM or PM. A number is told by its
// length and what follows it: seconds since the epoch (nine digits or more, before anything else),
// a time (`22:13:13`, a fraction after it once the date is known), a date (`2005-04-07`,
// `2005.04.07`; `04/07/2005` month first, `07.04.2005` day first), a compact date or time
// (`20050407`, `221313`), a year, or a day. `+0200`, `-05:00` and `+02` are zones. Anything else is
// passed over. So `Thu, 07 Apr 2005 22:13:13 +0200`, `2005-04-07T22:13:13.5Z`, `Apr 7 2005
// 22:13:13` and `1112911993 +0200` all read, and a date without its time of day (`2005-04-07`)
// does not. git's own object form, `@<seconds> <zone>`, is read first. Without a zone the time is
// local, as git reads it.
import type { Signature } from './git-format.js';

export type GitDate = Pick<Signature, 'timestamp' | 'timezoneOffset'>;

/** git's mark of a field not found yet (so a zone of -0001 is no zone to git either). */
const UNKNOWN = -1;

/** A calendar time as C's struct tm holds it: months from 0, years since 1900. */
interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

interface Scan {
  fields: Fields;
  /** Minutes east of UTC. */
  zone: number;
  /** The fields came from seconds since the epoch: they are UTC whatever the zone. */
  epoch: boolean;
  /** A zone git passes over (`+25:00`, `+2`): it would read the time as local, not as meant. */
  droppedZone: boolean;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sundays', 'mondays', 'tuesdays', 'wednesdays', 'thursdays', 'fridays', 'saturdays'];
/** git's zone names, in its order, with their hours east of UTC (an hour more in summer time, as git adds it). */
const ZONE_NAMES: [name: string, hours: number][] = [
  ['idlw', -12], ['nt', -11], ['cat', -10], ['hst', -10], ['hdt', -9], ['yst', -9], ['ydt', -8], ['pst', -8], ['pdt', -7], ['mst', -7],
  ['mdt', -6], ['cst', -6], ['cdt', -5], ['est', -5], ['edt', -4], ['ast', -3], ['adt', -2], ['wat', -1], ['gmt', 0], ['utc', 0],
  ['z', 0], ['wet', 0], ['bst', 1], ['cet', 1], ['met', 1], ['mewt', 1], ['mest', 2], ['cest', 2], ['mesz', 2], ['fwt', 1],
  ['fst', 2], ['eet', 2], ['eest', 3], ['wast', 7], ['wadt', 8], ['cct', 8], ['jst', 9], ['east', 10], ['eadt', 11], ['gst', 10],
  ['nzt', 12], ['nzst', 12], ['nzdt', 13], ['idle', 12],
];

/** A number this long or longer, before any field is known, is seconds since the epoch. */
const FIRST_EPOCH_SECOND = 100000000;
/** The last second a JavaScript Date holds. */
const LAST_DATE_SECOND = 8.64e12;
/** git reads a month-first or day-first date that would be more than ten days ahead some other way. */
const FUTURE_SLACK_SECONDS = 10 * 24 * 3600;
const ZONE_LIMIT_MINUTES = 24 * 60;
/** `@<seconds> <zone>`, as git writes dates in its objects; the rest of the text after a line break is not read. */
const OBJECT_FORM = /^@(\d+) ([+-])(\d{4})(?:\n|$)/;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);
const digitsAt = (text: string, at: number) => /^\d*/.exec(text.slice(at))![0];

/**
 * How much of `name` the text at `at` spells (in any case) before a character that is no letter
 * or digit, or its end; 0 when a letter or digit differs (`Apr` spells 3 of `april`, `Apr7` none).
 */
function spelled(text: string, at: number, name: string): number {
  let length = 0;
  for (; at + length < text.length; length++) {
    const c = text[at + length]!;
    if (c.toLowerCase() === name[length]) continue;
    if (/[A-Za-z0-9]/.test(c)) return 0;
    break;
  }
  return length;
}

/** The UTC seconds of `fields`, for years 1970 to 2099 only, as git computes them; undefined for no time. */
function secondsOf({ year, month, day, hour, minute, second }: Fields): number | undefined {
  if (year < 70 || year > 199 || month < 0 || month > 11 || hour < 0 || minute < 0 || second < 0) return undefined;
  // A day past the month's end (or UNKNOWN) runs on into the next (or back into the last), as in git.
  return Date.UTC(1900 + year, month, day, hour, minute, second) / 1000;
}

/**
 * Sets a date of a two- or four-digit year (UNKNOWN: this year, when `now` is given). Given `now`,
 * a date over ten days ahead is refused; without it, the month and day stay set even when the year
 * is refused, as git leaves them.
 */
function setDate(fields: Fields, year: number, month: number, day: number, now?: number): boolean {
  if (!(month > 0 && month < 13 && day > 0 && day < 32)) return false;
  const target = now === undefined ? fields : { ...fields };
  target.month = month - 1;
  target.day = day;
  if (year === UNKNOWN) {
    if (now === undefined) return false;
    target.year = new Date(now * 1000).getUTCFullYear() - 1900;
  } else if (year >= 1970 && year < 2100) target.year = year - 1900;
  else if (year > 70 && year < 100) target.year = year;
  else if (year < 38) target.year = year + 100;
  else return false;
  if (now === undefined) return true;
  const seconds = secondsOf(target);
  if (seconds !== undefined && seconds > now + FUTURE_SLACK_SECONDS) return false;
  Object.assign(fields, { month: target.month, day: target.day }, year === UNKNOWN ? {} : { year: target.year });
  return true;
}

/** Sets a time of day; 24:00:00 and a leap second are times too. */
function setTime(fields: Fields, hour: number, minute: number, second: number): boolean {
  if (!(hour <= 24 && minute < 60 && second <= 60)) return false;
  Object.assign(fields, { hour, minute, second });
  return true;
}

const dateKnown = ({ year, month, day }: Fields) => year !== UNKNOWN && month !== UNKNOWN && day !== UNKNOWN;
const nothingKnown = (fields: Fields) => Object.values(fields).every((value) => value === UNKNOWN);

/** A word at `at`: a month, a weekday, a zone name, AM or PM; how many characters it takes. */
function readWord(scan: Scan, text: string, at: number): number {
  for (const [index, name] of MONTHS.entries()) {
    const length = spelled(text, at, name);
    if (length >= 3) {
      scan.fields.month = index;
      return length;
    }
  }
  for (const name of WEEKDAYS) {
    const length = spelled(text, at, name);
    if (length >= 3) return length;
  }
  for (const [name, hours] of ZONE_NAMES) {
    const length = spelled(text, at, name);
    if (length >= 3 || length === name.length) {
      // A numeric zone wins, wherever it stands.
      if (scan.zone === UNKNOWN) scan.zone = hours * 60;
      return length;
    }
  }
  // On an hour not known yet (UNKNOWN), C's % gives PM 11 o'clock, as git does.
  if (spelled(text, at, 'pm') === 2) {
    scan.fields.hour = (scan.fields.hour % 12) + 12;
    return 2;
  }
  if (spelled(text, at, 'am') === 2) {
    scan.fields.hour %= 12;
    return 2;
  }
  return /^[A-Za-z]+/.exec(text.slice(at))![0].length;
}

/**
 * Numbers joined by `separator` (`22:13:13`, `2005-04-07`, `04/07/2005`, `07.04.2005`), the first
 * (`first`) ending at `end`; how many characters they take, or 0 when they are no time or date.
 */
function readNumbers(fields: Fields, first: number, separator: string, text: string, at: number, end: number, now: number): number {
  const secondDigits = digitsAt(text, end + 1);
  const second = Number(secondDigits);
  end += 1 + secondDigits.length;
  let third = UNKNOWN;
  if (text[end] === separator && isDigit(text[end + 1])) {
    const thirdDigits = digitsAt(text, end + 1);
    third = Number(thirdDigits);
    end += 1 + thirdDigits.length;
  }
  if (separator === ':') {
    if (!setTime(fields, first, second, third === UNKNOWN ? 0 : third)) return 0;
    // A fraction of a second, once the date is known: dropped.
    if (text[end] === '.' && isDigit(text[end + 1]) && dateKnown(fields)) end += 1 + digitsAt(text, end + 1).length;
    return end - at;
  }
  const read =
    // Year first: year-month-day, else year-day-month.
    (first > 70 && (setDate(fields, first, second, third) || setDate(fields, first, third, second))) ||
    // Month first (US) before day first, except with dots, which Europe writes day first.
    (separator !== '.' && setDate(fields, third, first, second, now)) ||
    setDate(fields, third, second, first, now) ||
    (separator === '.' && setDate(fields, third, first, second, now));
  return read ? end - at : 0;
}

/** A number at `at`: seconds since the epoch, a time, a date, a year, a zone or a day; how many characters it takes. */
function readNumber(scan: Scan, text: string, at: number, now: number): number {
  const { fields } = scan;
  const digits = digitsAt(text, at);
  const value = Number(digits);
  const end = at + digits.length;
  if (value >= FIRST_EPOCH_SECOND && value <= LAST_DATE_SECOND && nothingKnown(fields)) {
    const date = new Date(value * 1000);
    Object.assign(fields, { year: date.getUTCFullYear() - 1900, month: date.getUTCMonth(), day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds() });
    scan.epoch = true;
    return digits.length;
  }
  const separator = text[end];
  if (separator !== undefined && ':-/.'.includes(separator) && isDigit(text[end + 1])) {
    const read = readNumbers(fields, value, separator, text, at, end, now);
    if (read) return read;
  }
  const [high, middle, low] = [Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100];
  // ISO 8601's compact forms: YYYYMMDD, and HHMMSS with its fraction.
  if (digits.length === 8) {
    setDate(fields, high, middle, low);
    return digits.length;
  }
  if (digits.length === 6) {
    if (setTime(fields, high, middle, low) && text[end] === '.' && isDigit(text[end + 1])) return digits.length + 1 + digitsAt(text, end + 1).length;
    return digits.length;
  }
  // A year, or an unsigned zone in hours and minutes (`1400` at most), never checked further.
  if (digits.length === 4) {
    if (value <= 1400 && scan.zone === UNKNOWN) scan.zone = Math.floor(value / 100) * 60 + (value % 100);
    else if (value > 1900 && value < 2100) fields.year = value - 1900;
    return digits.length;
  }
  if (digits.length > 2) return digits.length;
  // The day first, then a two-digit year, then the month.
  if (value > 0 && value < 32 && fields.day === UNKNOWN) {
    fields.day = value;
    return digits.length;
  }
  if (digits.length === 2 && fields.year === UNKNOWN) {
    if (value < 10 && fields.day !== UNKNOWN) {
      fields.year = value + 100;
      return digits.length;
    }
    if (value >= 70) {
      fields.year = value;
      return digits.length;
    }
  }
  if (value > 0 && value < 13 && fields.month === UNKNOWN) fields.month = value - 1;
  return digits.length;
}

/** A signed zone at `at`: `+hhmm`, `+hh:mm` or `+hh`; how many characters it takes. */
function readZone(scan: Scan, text: string, at: number): number {
  const digits = digitsAt(text, at + 1);
  let end = at + 1 + digits.length;
  let hours = Number(digits);
  let minutes = 0;
  let valid = digits.length === 2 || digits.length === 4;
  if (digits.length === 4) [hours, minutes] = [Math.floor(hours / 100), hours % 100];
  else if (digits.length === 2 && text[end] === ':') {
    const minuteDigits = digitsAt(text, end + 1);
    end += 1 + minuteDigits.length;
    minutes = Number(minuteDigits);
    valid = minuteDigits.length === 2;
  }
  if (valid && minutes < 60 && hours < 24) scan.zone = (text[at] === '-' ? -1 : 1) * (hours * 60 + minutes);
  else scan.droppedZone = true;
  return end - at;
}

function scanDate(text: string, now: number): GitDate | undefined {
  const fields = { year: UNKNOWN, month: UNKNOWN, day: UNKNOWN, hour: UNKNOWN, minute: UNKNOWN, second: UNKNOWN };
  const scan: Scan = { fields, zone: UNKNOWN, epoch: false, droppedZone: false };
  // git reads up to the end of the first line.
  for (let at = 0; at < text.length && text[at] !== '\n'; ) {
    const c = text[at];
    let read = 0;
    if (isLetter(c)) read = readWord(scan, text, at);
    else if (isDigit(c)) read = readNumber(scan, text, at, now);
    else if ((c === '+' || c === '-') && isDigit(text[at + 1])) read = readZone(scan, text, at);
    at += read || 1;
  }
  const utc = secondsOf(fields);
  if (utc === undefined || scan.droppedZone) return undefined;
  if (scan.zone === UNKNOWN) {
    const local = new Date(1900 + fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second).getTime() / 1000;
    scan.zone = Math.trunc((utc - local) / 60);
  }
  return { timestamp: scan.epoch ? utc : utc - scan.zone * 60, timezoneOffset: scan.zone };
}

/**
 * The date `text` names as git reads it (`now`, in seconds, is when: a month- or day-first date
 * more than ten days ahead reads otherwise), or undefined when git refuses it or would write it
 * as another date than meant: before 1970 (git writes the seconds wrapped around), a zone of 24
 * hours or more, or one git passes over.
 */
export function parseGitDate(text: string, now = Date.now() / 1000): GitDate | undefined {
  const object = OBJECT_FORM.exec(text);
  const date = object
    ? { timestamp: Number(object[1]), timezoneOffset: (object[2] === '-' ? -1 : 1) * (Math.floor(Number(object[3]) / 100) * 60 + (Number(object[3]) % 100)) }
    : scanDate(text, now);
  if (!date || !Number.isSafeInteger(date.timestamp) || date.timestamp < 0 || !(Math.abs(date.timezoneOffset) < ZONE_LIMIT_MINUTES)) return undefined;
  return date;
}
