// Connection options (URL query or the target's `options`) a dialect does not know are refused:
// a misspelt `ssl_mode` on a PostgreSQL URL would otherwise connect in plain text without a word.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

/** The spellings of MySQL's TLS mode across its clients and drivers. */
export const MYSQL_SSL_MODE_KEYS = ['ssl_mode', 'ssl-mode', 'sslmode', 'ssl'] as const;

/**
 * Per dialect, `known`: the options it acts on; `ignored`: ones URLs of other tools carry that
 * change nothing here (datatrack fixes its own session settings), accepted so that such URLs work.
 * Kept apart from the drivers, so that a target can be checked without loading one.
 */
const CONNECTION_OPTIONS: Record<'postgres' | 'mysql', { name: string; known: readonly string[]; ignored: readonly string[] }> = {
  // libpq-style URLs; application_name and client_encoding are datatrack's own.
  postgres: { name: 'PostgreSQL', known: ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'connect_timeout'], ignored: ['application_name', 'client_encoding'] },
  // A PyMySQL `charset` changes nothing: datatrack reads in utf8mb4.
  mysql: { name: 'MySQL', known: [...MYSQL_SSL_MODE_KEYS, 'ssl_ca', 'socket', 'unix_socket', 'connect_timeout'], ignored: ['charset'] },
};

export function refuseUnknownOptions(options: Record<string, string>, dialect: 'postgres' | 'mysql'): void {
  const { name, known, ignored } = CONNECTION_OPTIONS[dialect];
  const unknown = Object.keys(options).filter((key) => !known.includes(key) && !ignored.includes(key));
  if (unknown.length === 0) return;
  throw new UsageError(`${name} connection option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')} not supported (known: ${[...known, ...ignored].join(', ')}); fix the URL or the target's options`, 'BAD_OPTION');
}

/** A CA certificate file an option names (ssl_ca): unreadable, it is the target's mistake (exit 2). */
export function readPemOption(options: Record<string, string>, key: string): string | undefined {
  const path = options[key];
  if (path === undefined || path === '') return undefined;
  return readCertificateFile(`${key} ${path}`, path);
}

/**
 * A certificate file (a CA's or the client's), checked for a PEM certificate: Node reads anything
 * else as no certificate at all, and the connection then failed as "does not verify", which sent
 * the user after the server's certificate instead of this file.
 */
export function readCertificateFile(name: string, path: string): string {
  const text = readPemFile(name, path);
  let problem: string | undefined;
  // OpenSSL (so Node, and libpq) also reads `openssl x509 -trustout`'s TRUSTED CERTIFICATE and the old X509 CERTIFICATE.
  if (!/-----BEGIN (TRUSTED |X509 )?CERTIFICATE-----/.test(text)) problem = 'no "-----BEGIN CERTIFICATE-----" block';
  else {
    try {
      new X509Certificate(text);
    } catch (error) {
      problem = `a certificate block that does not parse (${(error as Error).message})`;
    }
  }
  if (problem) throw new UsageError(`${name} holds ${problem}; name a PEM certificate file`, 'BAD_SSL_FILE');
  return text;
}

/** A certificate or key file, `name` saying where it was named (`sslrootcert /x`, `PGSSLROOTCERT /x`). */
export function readPemFile(name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'BAD_SSL_FILE', error);
  }
}
