// SQLite keeps a name or a CREATE statement as whatever bytes a client gave it. Read as text, each
// byte that is not UTF-8 becomes U+FFFD: two tables, indexes or defaults that differ only there
// would read the same (one file overwriting another, two indexes merged, a change never seen).
// Such a database is refused, naming the objects, rather than recorded wrong.
import { isUtf8 } from 'node:buffer';
import type Database from 'better-sqlite3';
import { DatabaseError } from '../../errors.js';
import { someOf } from '../../util/plural.js';
import { loadQueries } from '../queries.js';

const { not_utf8: NOT_UTF8 } = loadQueries('sqlite', ['not_utf8']);

interface RawObject {
  object_type: string;
  name: Buffer | null;
  sql: Buffer | null;
}

/** The bytes as text, each byte that is not part of a UTF-8 character shown as \xNN. */
function showBytes(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    const character = bytes.subarray(i, i + length);
    if (length > 0 && character.length === length && isUtf8(character)) {
      out += character.toString('utf8');
      i += length;
    } else {
      out += `\\x${lead.toString(16).toUpperCase().padStart(2, '0')}`;
      i += 1;
    }
  }
  return out;
}

/** Refuses a database whose schema text is not UTF-8; `texts` are what was read, checked cheaply first. */
export function refuseNotUtf8(client: Database.Database, path: string, texts: Iterable<string | null>): void {
  let suspect = false;
  for (const text of texts) if (text?.includes('\uFFFD')) suspect = true;
  // A UTF-16 database stores text converted from what a client gave, its bad bytes already U+FFFD.
  if (!suspect || (client.pragma('encoding', { simple: true }) as string) !== 'UTF-8') return;
  const rows = client.prepare(NOT_UTF8).all() as RawObject[];
  const bad = rows.filter((row) => (row.name && !isUtf8(row.name)) || (row.sql && !isUtf8(row.sql)));
  if (bad.length === 0) return;
  const named = bad.map((row) => `${row.object_type} ${showBytes(row.name ?? Buffer.alloc(0))}`);
  throw new DatabaseError(
    `SQLite database ${path} holds bytes that are not UTF-8 in the name or SQL of ${someOf(named, 5)} (SQLite keeps whatever bytes a client gave it); ` +
      'datatrack records schemas as UTF-8 text and could not tell such bytes apart: re-create those objects with UTF-8 names and text',
    'DB_NOT_UTF8',
  );
}
