// libpq's TLS files: the root certificate that verifies the server, and the client certificate and
// key sent to it. Each comes, as for libpq, from its URL option, else its variable (PGSSLROOTCERT,
// PGSSLCERT, PGSSLKEY), else libpq's default file under ~/.postgresql/ where that exists, so that a
// run trusts and presents what psql would. A file the URL or a variable names must be readable:
// libpq would go on without it, and a misspelt root certificate would then verify nothing.
import { existsSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionSpec } from '../../config/targets.js';
import { UsageError } from '../../errors.js';
import { readCertificateFile, readPemFile } from '../url-options.js';

export interface SslFiles {
  ca?: string;
  cert?: string;
  key?: string;
  /** Where each came from (`PGSSLROOTCERT /etc/ssl/db-ca.pem`, `sslcert /…`, a default file's path), for messages. */
  names: { ca?: string; cert?: string; key?: string };
}

/** A file's path, how messages name it, and whether the URL or a variable named it (else it is libpq's default). */
interface Located {
  path: string;
  name: string;
  given: boolean;
}

/** As libpq: the option, else the variable; empty, either stands for the default file. */
function locate(spec: ConnectionSpec, option: string, variable: string, file: string): Located {
  const fromUrl = spec.options[option];
  const value = fromUrl ?? process.env[variable];
  if (value) return { path: value, name: `${fromUrl === undefined ? variable : option} ${value}`, given: true };
  const path = join(homedir(), '.postgresql', file);
  return { path, name: path, given: false };
}

const present = (file: Located) => file.given || existsSync(file.path);

/**
 * The client key, refused as libpq refuses it: missing beside a certificate, not a plain file, or
 * open to others (a root-owned key may be group-readable, for keys the system manages).
 */
function readKey(key: Located, cert: Located): string {
  if (!present(key)) throw new UsageError(`client certificate ${cert.name} has no private key: ${key.path} does not exist; name the key with sslkey or PGSSLKEY`, 'BAD_SSL_FILE');
  let stat: Stats | undefined;
  try {
    stat = statSync(key.path);
  } catch {
    // reading it below says why
  }
  if (stat && !stat.isFile()) throw new UsageError(`private key ${key.name} is not a plain file`, 'BAD_SSL_FILE');
  if (stat && stat.mode & (stat.uid === 0 ? 0o037 : 0o077)) {
    throw new UsageError(`private key ${key.name} has group or world access, which libpq refuses too; chmod 0600 it (0640 at most if root owns it)`, 'BAD_SSL_FILE');
  }
  return readPemFile(key.name, key.path);
}

/**
 * libpq's `sslrootcert=system` (PostgreSQL 16): the TLS library's own certificate authorities,
 * which for Node are its bundled ones and NODE_EXTRA_CA_CERTS; the option or variable that said so.
 */
export function systemRoot(spec: ConnectionSpec): string | undefined {
  const root = locate(spec, 'sslrootcert', 'PGSSLROOTCERT', 'root.crt');
  return root.given && root.path === 'system' ? root.name : undefined;
}

export function sslFiles(spec: ConnectionSpec): SslFiles {
  const files: SslFiles = { names: {} };
  const root = locate(spec, 'sslrootcert', 'PGSSLROOTCERT', 'root.crt');
  const system = systemRoot(spec);
  if (system) files.names.ca = `${system} (Node's certificate authorities and NODE_EXTRA_CA_CERTS)`;
  else if (present(root)) {
    files.ca = readCertificateFile(root.name, root.path);
    files.names.ca = root.name;
  }
  // As libpq: a key is looked for only beside a certificate.
  const cert = locate(spec, 'sslcert', 'PGSSLCERT', 'postgresql.crt');
  if (present(cert)) {
    const key = locate(spec, 'sslkey', 'PGSSLKEY', 'postgresql.key');
    files.cert = readCertificateFile(cert.name, cert.path);
    files.key = readKey(key, cert);
    files.names = { ...files.names, cert: cert.name, key: key.name };
  }
  return files;
}
