// Passwords out of any text that may quote a connection URL: error messages (a URL given where a
// revision, target or command was expected is repeated back), git's stderr, migrated files.

/** A user-info password: from `//user:` to the authority's last `@` (a raw `@` or space may sit inside). */
const USERINFO_PASSWORD = /(\/\/[^/@\s:]*:)[^/?#\n]*@/g;
/**
 * One with a raw `/`, `?` or `#` in it (base64 passwords hold `/`): from `//user:` to the last `@`
 * of the word, unless what follows the colon is a port (`//db:5432/shop`, where an `@` further on
 * is someone's address).
 */
const USERINFO_PASSWORD_WITH_SLASH = /(\/\/[^/@\s:"']*:)(?![0-9]*(?:[/?#\s"']|$))[^\s"']*@/g;
/** A query parameter; its key is tested decoded (`pass%77ord` is `password` to a URL parser). */
const QUERY_PARAMETER = /([?&])([^=&#\s]+)=([^&#\n]*)/g;
const PASSWORD_KEY = /^(?:ssl)?(?:password|passwd|pass|pwd)$/i;

function decodedKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** Whether a URL query parameter carries a password (libpq, PyMySQL, mysqlclient spellings, any case). */
export function isPasswordParameter(key: string): boolean {
  return PASSWORD_KEY.test(decodedKey(key));
}

/**
 * The text with every password a URL in it carries replaced by `***`. A password parameter's value
 * runs to the next `&` or the end of the line: an unencoded space must not leave half of it.
 */
export function redactUrl(text: string): string {
  return text
    .replace(USERINFO_PASSWORD_WITH_SLASH, '$1***@')
    .replace(USERINFO_PASSWORD, '$1***@')
    .replace(QUERY_PARAMETER, (whole, lead: string, key: string) => (isPasswordParameter(key) ? `${lead}${key}=***` : whole));
}
