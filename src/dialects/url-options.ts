// Connection options (URL query or the target's `options`) a dialect does not know are refused:
// a misspelt `ssl_mode` on a PostgreSQL URL would otherwise connect in plain text without a word.
import type { ConnectionSpec } from '../config/targets.js';
import { UsageError } from '../errors.js';

/**
 * `known`: the options the dialect acts on; `ignored`: ones URLs of other tools carry that change
 * nothing here (datatrack fixes its own session settings), accepted so that such URLs work.
 */
export function refuseUnknownOptions(spec: ConnectionSpec, dialect: string, known: readonly string[], ignored: readonly string[]): void {
  const unknown = Object.keys(spec.options).filter((key) => !known.includes(key) && !ignored.includes(key));
  if (unknown.length === 0) return;
  throw new UsageError(`${dialect} connection option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')} not supported (known: ${known.join(', ')}); fix the URL or the target's options`, 'BAD_OPTION');
}
