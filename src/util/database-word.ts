// A word typed where a target name, a revision or a command belongs that names a database instead
// (`datatrack snapshot app.db`, `datatrack diff postgresql://…`): the messages say how a database
// becomes a target rather than only that the word is not one.

/** `url` for a connection URL, `file` for a path with a SQLite file's usual extension. */
export function databaseWord(word: string): 'url' | 'file' | undefined {
  if (/^[a-z][a-z0-9+._-]*:\/\//i.test(word)) return 'url';
  if (/\.(db|db3|sqlite|sqlite3|s3db|sl3)$/i.test(word)) return 'file';
  return undefined;
}

/** The `connect` command that adds the database `word` names as a target (a URL as <url>: the word shown is redacted). */
export function connectCommand(word: string): string {
  return `datatrack connect ${databaseWord(word) === 'file' && !/\s/.test(word) ? word : '<url>'}`;
}
