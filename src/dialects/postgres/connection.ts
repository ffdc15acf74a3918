// Opening one catalog connection: libpq-compatible settings (sslmode and its files, connect_timeout,
// PGHOST, PGPORT, PGUSER, PGPASSWORD and ~/.pgpass, then the stored password) mapped onto pg's client, and a session that can only read: read-only by default,
// statement and lock timeouts from the target, and fixed rendering settings so that the text the
// server deparses (types, defaults, bounds) is the same for every user and machine.
import { createRequire } from 'node:module';
import type { ConnectionOptions } from 'node:tls';
import type pg from 'pg';
import { DEFAULT_TIMEOUTS, type ConnectionSpec, type Timeouts } from '../../config/targets.js';
import { UsageError } from '../../errors.js';
import { refuseUnknownOptions } from '../url-options.js';
import { ANSWER_TIMEOUT_FACTOR, connectionError, describeServer, serverOf, type Server, type TlsNames } from './errors.js';
import { passwordFromFile } from './password-file.js';
import { sslFiles, systemRoot } from './ssl-files.js';

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
type SslMode = (typeof SSL_MODES)[number];

/** How a run reaches the server; `fallback` is libpq's prefer: TLS if offered, else plain. */
export interface ConnectPlan {
  spec: ConnectionSpec;
  timeouts: Timeouts;
  server: Server;
  ssl: false | ConnectionOptions;
  fallback: boolean;
  tlsNames: TlsNames;
  /**
   * The password offered if the server asks: the spec's, else PGPASSWORD or the password file's,
   * found once per run; else the stored one, once a server has asked (passwordWhenAsked).
   */
  password?: string;
}

type TlsPlan = Pick<ConnectPlan, 'ssl' | 'fallback' | 'tlsNames'>;

function sslOptions(spec: ConnectionSpec, server: Server): TlsPlan {
  const fromEnv = spec.options.sslmode === undefined && process.env.PGSSLMODE !== undefined;
  const system = systemRoot(spec);
  // As libpq: with the system's authorities, which sign for any host name its owner controls, only verify-full means anything.
  const mode = (spec.options.sslmode ?? process.env.PGSSLMODE ?? (system ? 'verify-full' : 'prefer')) as SslMode;
  if (!SSL_MODES.includes(mode)) throw new UsageError(`${fromEnv ? 'PGSSLMODE' : 'sslmode'} must be one of ${SSL_MODES.join(', ')}, not ${JSON.stringify(mode)}`, 'BAD_SSLMODE');
  const given = spec.options.sslmode !== undefined || process.env.PGSSLMODE !== undefined;
  const named = given || !system ? `${fromEnv ? 'PGSSLMODE' : 'sslmode'}=${mode}` : `sslmode=verify-full (the default with ${system.replace(' ', '=')})`;
  if (system && mode !== 'verify-full') {
    throw new UsageError(`${system.replace(' ', '=')} takes sslmode=verify-full, not ${named}, as in libpq: any host name's owner can get a certificate the system trusts; drop ${named.split('=')[0]} or set it to verify-full`, 'BAD_SSLMODE');
  }
  // As libpq, whatever sslmode says: the server never speaks TLS on a Unix socket, which is local.
  if (mode === 'disable' || server.host.startsWith('/')) return { ssl: false, fallback: false, tlsNames: { mode: named } };
  const { ca, cert, key, names } = sslFiles(spec);
  const tls: ConnectionOptions = { ca, cert, key };
  const plan = (ssl: ConnectionOptions, fallback = false): TlsPlan => ({ ssl: { ...tls, ...ssl }, fallback, tlsNames: { mode: named, ...names, ...(system && { system: true }) } });
  if (mode === 'allow' || mode === 'prefer') return plan({ rejectUnauthorized: false }, true);
  // As libpq: require verifies the chain only when there is a root certificate (named, or ~/.postgresql/root.crt); verify-ca never checks the host name.
  if (mode === 'require') return plan({ rejectUnauthorized: ca !== undefined, checkServerIdentity: () => undefined });
  if (mode === 'verify-ca') return plan({ rejectUnauthorized: true, checkServerIdentity: () => undefined });
  return plan({ rejectUnauthorized: true });
}

function timeoutsOf(spec: ConnectionSpec): Timeouts {
  const timeouts = spec.timeouts ?? DEFAULT_TIMEOUTS;
  // A libpq-style `?connect_timeout=N` (seconds) in the URL is honoured as psql would.
  const seconds = Number(spec.options.connect_timeout);
  return spec.options.connect_timeout !== undefined && seconds > 0 ? { ...timeouts, connectMs: seconds * 1000 } : timeouts;
}

export function connectPlan(spec: ConnectionSpec): ConnectPlan {
  refuseUnknownOptions(spec.options, 'postgres');
  const server = serverOf(spec);
  return { spec, timeouts: timeoutsOf(spec), server, ...sslOptions(spec, server), password: spec.password ?? passwordFromEnvironment(server) };
}

const require = createRequire(import.meta.url);

/**
 * pg decides as it loads whether it runs in a Cloudflare Worker: with no global `navigator` (Node
 * 20) it builds a fetch Response to find out, which loads Node's undici, ~25 ms of every run's
 * start-up. Node 21 and later define `navigator.userAgent` as `Node.js/<major>`; for the one
 * synchronous load of pg, so does this, and the global is gone again before anything else runs.
 */
function loadPg(): typeof pg {
  // pg and the drizzle the catalog queries go through, as one bundled file (.ci/build-assets.mjs)
  const load = () => (require('#drizzle/postgres') as { pg: typeof pg }).pg;
  if ('navigator' in globalThis) return load();
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node.split('.')[0]}` }, configurable: true });
  try {
    return load();
  } finally {
    delete (globalThis as { navigator?: unknown }).navigator;
  }
}
const { Client } = loadPg();

/** What libpq does without a password: PGPASSWORD (an empty one is none), then the password file for the server connected to. */
function passwordFromEnvironment({ host, port, database, user }: Server): string | undefined {
  return process.env.PGPASSWORD || (user === undefined ? undefined : passwordFromFile({ host, port, database, user }));
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
  // As pg_dump: a catalog connection sits idle in its transaction while the others read and the
  // client builds the model; a short server or role limit would end it mid-snapshot (statement and
  // lock timeouts still bound what it waits for).
  'idle_in_transaction_session_timeout=0',
  // Catalog queries are small: parallel workers only add processes on the server.
  'max_parallel_workers_per_gather=0',
].map((setting) => `-c ${setting}`).join(' ');

/** Whether the server asked for a password that nobody gave (then its refusal says so, and why a stored one was kept back). */
interface Asked {
  withoutPassword: boolean;
  withheld?: string;
}

/**
 * The password for a server that asks for one: the plan's, else the target's stored one, the last
 * source as libpq's files come before it (DESIGN §7). The secrets file is read only now: one that
 * cannot be used (open to others, not YAML) stops only a connection whose server wants a password.
 */
function passwordWhenAsked(plan: ConnectPlan, asked: Asked): string | undefined {
  if (plan.password !== undefined) return plan.password;
  const stored = plan.spec.storedPassword?.();
  // Kept for the run's other connections, and for what the run keeps (a note) to leave out.
  plan.password = stored?.password;
  if (plan.password === undefined) {
    asked.withoutPassword = true;
    asked.withheld = stored?.withheld;
  }
  return plan.password;
}

function clientConfig(plan: ConnectPlan, ssl: false | ConnectionOptions, asked: Asked): pg.ClientConfig {
  const { server, timeouts } = plan;
  return {
    host: server.host,
    port: server.port,
    database: server.database,
    user: server.user,
    // Called only when the server asks. pg takes an undefined result as "no password" and lets the
    // server refuse; given no password at all, it would search the password file itself, its own
    // way (password-file.ts).
    password: (async () => passwordWhenAsked(plan, asked)) as () => Promise<string>,
    ssl,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    // The server ends a query at statement_timeout and says so; no answer long after that means the
    // network path or the server froze, which no server-side timeout can report.
    query_timeout: ANSWER_TIMEOUT_FACTOR * timeouts.statementMs,
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
      // No session to end: end() would wait for the peer to close, and another kind of server that
      // keeps waiting never does (past connect_timeout, whose timer pg stopped at the error).
      client.connection.stream.destroy();
      // The secrets file, read when the server asked for a password, could not be used: said as it says it.
      if (error instanceof UsageError) throw error;
      if (prefer && ssl && (error as Error).message === NO_SSL) {
        ssl = plan.ssl = false;
        plan.fallback = false;
        continue;
      }
      throw connectionError(error, describeServer(plan.spec), plan.timeouts, plan.tlsNames, asked.withoutPassword, asked.withheld);
    }
  }
}
