// Opening one catalog connection: libpq-compatible settings (sslmode, connect_timeout, PGPASSWORD
// and ~/.pgpass) mapped onto pg's client, and a session that can only read: read-only by default,
// statement and lock timeouts from the target, and fixed rendering settings so that the text the
// server deparses (types, defaults, bounds) is the same for every user and machine.
import { createRequire } from 'node:module';
import type { ConnectionOptions } from 'node:tls';
import type pg from 'pg';
import { DEFAULT_TIMEOUTS, type ConnectionSpec, type Timeouts } from '../../config/targets.js';
import { UsageError } from '../../errors.js';
import { readPemOption, refuseUnknownOptions } from '../url-options.js';
import { connectionError, describeServer } from './errors.js';

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
type SslMode = (typeof SSL_MODES)[number];

/** How a run reaches the server; `fallback` is libpq's prefer: TLS if offered, else plain. */
export interface ConnectPlan {
  spec: ConnectionSpec;
  timeouts: Timeouts;
  ssl: false | ConnectionOptions;
  fallback: boolean;
}

function sslOptions(spec: ConnectionSpec): { ssl: false | ConnectionOptions; fallback: boolean } {
  const mode = (spec.options.sslmode ?? process.env.PGSSLMODE ?? 'prefer') as SslMode;
  if (!SSL_MODES.includes(mode)) throw new UsageError(`sslmode must be one of ${SSL_MODES.join(', ')}, not ${JSON.stringify(mode)}`, 'BAD_SSLMODE');
  if (mode === 'disable') return { ssl: false, fallback: false };
  const ca = readPemOption(spec.options, 'sslrootcert');
  const tls: ConnectionOptions = { ca, cert: readPemOption(spec.options, 'sslcert'), key: readPemOption(spec.options, 'sslkey') };
  if (mode === 'allow' || mode === 'prefer') return { ssl: { ...tls, rejectUnauthorized: false }, fallback: true };
  // As libpq: require verifies the chain only when a root certificate is given; verify-ca never checks the host name.
  if (mode === 'require') return { ssl: { ...tls, rejectUnauthorized: ca !== undefined, checkServerIdentity: () => undefined }, fallback: false };
  if (mode === 'verify-ca') return { ssl: { ...tls, rejectUnauthorized: true, checkServerIdentity: () => undefined }, fallback: false };
  return { ssl: { ...tls, rejectUnauthorized: true }, fallback: false };
}

function timeoutsOf(spec: ConnectionSpec): Timeouts {
  const timeouts = spec.timeouts ?? DEFAULT_TIMEOUTS;
  // A libpq-style `?connect_timeout=N` (seconds) in the URL is honoured as psql would.
  const seconds = Number(spec.options.connect_timeout);
  return spec.options.connect_timeout !== undefined && seconds > 0 ? { ...timeouts, connectMs: seconds * 1000 } : timeouts;
}

/** What libpq-style URLs carry that is acted on here; application_name and client_encoding are datatrack's own. */
const KNOWN_OPTIONS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'connect_timeout'] as const;
const IGNORED_OPTIONS = ['application_name', 'client_encoding'] as const;

export function connectPlan(spec: ConnectionSpec): ConnectPlan {
  refuseUnknownOptions(spec, 'PostgreSQL', KNOWN_OPTIONS, IGNORED_OPTIONS);
  return { spec, timeouts: timeoutsOf(spec), ...sslOptions(spec) };
}

const require = createRequire(import.meta.url);

/**
 * pg decides as it loads whether it runs in a Cloudflare Worker: with no global `navigator` (Node
 * 20) it builds a fetch Response to find out, which loads Node's undici, ~25 ms of every run's
 * start-up. Node 21 and later define `navigator.userAgent` as `Node.js/<major>`; for the one
 * synchronous load of pg, so does this, and the global is gone again before anything else runs.
 */
function loadPg(): typeof pg {
  if ('navigator' in globalThis) return require('pg') as typeof pg;
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node.split('.')[0]}` }, configurable: true });
  try {
    return require('pg') as typeof pg;
  } finally {
    delete (globalThis as { navigator?: unknown }).navigator;
  }
}
const { Client } = loadPg();
type PgPass = (params: { host?: string; port?: number; database: string; user?: string }, cb: (password?: string) => void) => void;

/** What libpq does without a password: PGPASSWORD, then the password file (PGPASSFILE or ~/.pgpass). */
async function passwordFromEnvironment(spec: ConnectionSpec): Promise<string | undefined> {
  if (process.env.PGPASSWORD !== undefined) return process.env.PGPASSWORD;
  return new Promise((resolve) => (require('pgpass') as PgPass)({ host: spec.host ?? 'localhost', port: spec.port ?? 5432, database: spec.database, user: spec.user ?? process.env.PGUSER }, resolve));
}

/** Session settings: read-only, bounded waits, and deparsing that does not depend on who asks. */
const SESSION_OPTIONS = [
  'default_transaction_read_only=on',
  'search_path=public',
  'TimeZone=UTC',
  'DateStyle=ISO',
  'IntervalStyle=postgres',
  // Constants in defaults, checks and definitions render through these too: a role or database
  // setting them otherwise would rewrite every such text (or, extra_float_digits <= 0, shorten a
  // float until two different values print alike).
  'extra_float_digits=1',
  'bytea_output=hex',
  'standard_conforming_strings=on',
  'quote_all_identifiers=off',
  'lc_monetary=C',
  'jit=off',
  // Catalog queries are small: parallel workers only add processes on the server.
  'max_parallel_workers_per_gather=0',
].map((setting) => `-c ${setting}`).join(' ');

/** Whether the server asked for a password that nobody gave (then its refusal says so). */
interface Asked {
  withoutPassword: boolean;
}

function clientConfig(plan: ConnectPlan, ssl: false | ConnectionOptions, asked: Asked): pg.ClientConfig {
  const { spec, timeouts } = plan;
  const password = async () => {
    const found = await passwordFromEnvironment(spec);
    asked.withoutPassword = found === undefined;
    return found;
  };
  return {
    host: spec.host,
    port: spec.port,
    database: spec.database,
    user: spec.user,
    // pg takes an undefined result as "no password" and lets the server refuse.
    password: spec.password ?? (password as () => Promise<string>),
    ssl,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    lock_timeout: timeouts.lockMs,
    application_name: 'datatrack',
    options: SESSION_OPTIONS,
    keepAlive: true,
  };
}

const NO_SSL = 'The server does not support SSL connections';

/**
 * Connects one client. Under prefer, a server without TLS makes the plan plain for the rest of
 * the run, so later connections do not ask again (those already asking retry on their own).
 */
export async function connectClient(plan: ConnectPlan): Promise<pg.Client> {
  const prefer = plan.fallback;
  let ssl = plan.ssl;
  for (;;) {
    const asked: Asked = { withoutPassword: false };
    const client = new Client(clientConfig(plan, ssl, asked));
    // Errors after connecting (server gone) reject the running query; this keeps them from
    // also surfacing as an unhandled 'error' event.
    client.on('error', () => {});
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      if (prefer && ssl && (error as Error).message === NO_SSL) {
        ssl = plan.ssl = false;
        plan.fallback = false;
        continue;
      }
      throw connectionError(error, describeServer(plan.spec), plan.timeouts, asked.withoutPassword);
    }
  }
}
