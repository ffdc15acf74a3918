// Targets: names (which become ref names), and resolving a configured target into what a dialect
// needs to connect, with `${ENV}` values expanded and the password found per DESIGN §7.
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DIALECT_NAMES, type Dialect } from '../model/types.js';
import { UsageError } from '../errors.js';
import { CONFIG_FILE, configuredTarget, isTlsMode, isTlsModeKey, sameServer, takesPasswordOf, targetEnvName, targetNameProblem, type DatatrackConfig, type TargetConfig } from './config.js';
import { readStoredPassword } from './secrets.js';
import { connectTimeoutProblem, describeTarget, isPort, parseConnectionUrl } from './url.js';
import { closest } from '../util/suggest.js';

export const DEFAULT_TARGET = 'default';

export function validateTargetName(name: string): string {
  const problem = targetNameProblem(name);
  if (problem) throw new UsageError(`invalid target name ${JSON.stringify(name)}: it ${problem}`, 'BAD_TARGET_NAME');
  return name;
}

export interface Timeouts {
  /** Giving up on reaching the server. */
  connectMs: number;
  /** Any one catalog query (statement_timeout, max_statement_time). */
  statementMs: number;
  /** Waiting for a catalog lock (lock_timeout, lock_wait_timeout): a snapshot never queues behind DDL for long. */
  lockMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, statementMs: 60_000, lockMs: 5_000 };

export interface ConnectionSpec {
  dialect: Dialect;
  database: string;
  host?: string;
  port?: number;
  user?: string;
  /** The password given for this connection: in its URL (or DATABASE_URL, or connect's --password-stdin), else PGPASSWORD or MYSQL_PWD. */
  password?: string;
  options: Record<string, string>;
  schemas?: string[];
  exclude?: string[];
  timeouts?: Timeouts;
  /**
   * The target's stored password (the secrets file), where no password was given: the last source
   * DESIGN §7 names, so the dialect places it after its own (PostgreSQL's password file). Read at
   * the first call, which may throw (a secrets file open to others, or not YAML): a dialect calls it
   * only once the password is needed, so such a file stops no connection that does without.
   */
  storedPassword?: () => StoredPasswordLookup;
}

/** The stored password, where it may go; else why it was kept back, said when the server asks for a password none was given for. */
export interface StoredPasswordLookup {
  password?: string;
  /** The target has a stored password, which goes to another server than this connection's (its URL, or config.yaml since, names another, or the same one otherwise). */
  withheld?: string;
}

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function expand(value: string, where: string, env: NodeJS.ProcessEnv): string {
  return value.replace(ENV_REF, (_, name: string) => {
    const v = env[name];
    if (v === undefined) throw new UsageError(`${where} uses \${${name}}, which is not set in the environment`, 'MISSING_ENV');
    // CI passes a secret it lacks as an empty string: an empty database or host connects to the server's default instead.
    if (v.trim() === '') throw new UsageError(`${where} uses \${${name}}, which is empty in the environment; set it, or take it out of ${CONFIG_FILE}`, 'MISSING_ENV');
    return v;
  });
}

/** An environment variable's value, where a blank one counts as unset (CI sets a missing secret so). */
const setIn = (env: NodeJS.ProcessEnv, name: string): string | undefined => (env[name]?.trim() ? env[name] : undefined);

export function pickTarget(config: DatatrackConfig, requested: string | undefined): string {
  return validateTargetName(requested ?? config.default_target ?? DEFAULT_TARGET);
}

/** `root`: the work tree, where an existing config file says init has been run (no need to advise it again). */
export function unknownTarget(config: DatatrackConfig, name: string, root?: string): UsageError {
  const known = Object.keys(config.targets);
  const meant = closest(name, known);
  const initialized = root !== undefined && existsSync(join(root, CONFIG_FILE));
  const hint = known.length ? `${meant ? `did you mean ${meant}? ` : ''}known targets: ${known.join(', ')}`
    : `no target is configured yet: run ${initialized ? '' : '`datatrack init`, then '}\`datatrack connect <url>\``;
  // With no -t, the name came from the config, or is the fallback "default" (its target was
  // disconnected, or all were named): without saying so, it would seem to come from nowhere.
  const origin =
    name === config.default_target ? ` (the default_target of ${CONFIG_FILE})`
    : name === DEFAULT_TARGET && config.default_target === undefined && known.length ? ' (no default_target is set; give -t NAME)'
    : '';
  return new UsageError(`unknown target ${JSON.stringify(name)}${origin}; ${hint}`, 'UNKNOWN_TARGET');
}

/** The environment variable whose URL is target `name`'s connection, if one is set: DATATRACK_<NAME>_URL, or DATABASE_URL for an unconfigured default target. */
/** A connection URL given on the command line: its name there, and where a relative SQLite path in it starts. */
export interface GivenUrl {
  variable: string;
  url: string;
  base?: string;
}

export function environmentUrl(config: DatatrackConfig, name: string, env: NodeJS.ProcessEnv): { variable: string; url: string } | undefined {
  const own = targetEnvName(name);
  const url = setIn(env, own);
  if (url !== undefined) return { variable: own, url };
  const implicit = name === (config.default_target ?? DEFAULT_TARGET) && !configuredTarget(config, name) && setIn(env, 'DATABASE_URL') !== undefined;
  return implicit ? { variable: 'DATABASE_URL', url: env.DATABASE_URL! } : undefined;
}

/** The targets `--all` runs, as `targets` lists them: the configured ones, then the default target where only an environment URL gives it. */
export function allTargetNames(config: DatatrackConfig, env: NodeJS.ProcessEnv = process.env): string[] {
  const names = Object.keys(config.targets);
  const defaultName = config.default_target ?? DEFAULT_TARGET;
  return !configuredTarget(config, defaultName) && environmentUrl(config, defaultName, env) ? [...names, defaultName] : names;
}

/** An environment URL parsed; its mistakes name the variable, which CI sets far from where it fails. */
export function parseEnvironmentUrl({ variable, url }: { variable: string; url: string }, root: string): ReturnType<typeof parseConnectionUrl> {
  // Typed, a file path is a SQLite database; from the environment it is more likely a URL gone wrong
  // (quotes an env file kept, a libpq or ADO.NET string), which as a path would be repeated, password and all.
  // (A scheme of one letter is a Windows drive: C:\app.db.)
  if (!variable.startsWith('-') && !/^\s*(?:[a-z][a-z0-9+._-]+:|[a-z]:(?![\\/]))/i.test(url)) {
    throw new UsageError(`${variable} holds no connection URL (none of postgresql://, mysql://, sqlite:///… starts it); set it to one, without quotes`, 'BAD_URL');
  }
  try {
    return parseConnectionUrl(url, root);
  } catch (error) {
    throw error instanceof UsageError ? new UsageError(`${variable}: ${error.message}`, error.code) : error;
  }
}

/**
 * Looks up a target and turns it into a connection spec. An env (or given) URL is the whole connection (host,
 * port, database, user, options): a configured port or sslmode must not bend the URL CI was given
 * into another connection. Only what a URL cannot say (scope and timeouts) still comes from the config.
 */
export function resolveTarget(
  config: DatatrackConfig,
  name: string,
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  /**
   * A URL given for this run (pipeline --source), which stands in for the environment's, under its
   * own name; typed, a relative SQLite path in it is read from `base`, the directory it was typed in.
   */
  given?: GivenUrl,
): ConnectionSpec {
  const fromEnv = given ?? environmentUrl(config, name, env);
  const configured = configuredTarget(config, name);
  let target = configured;
  let password: string | undefined;
  if (fromEnv?.url) {
    const parsed = parseEnvironmentUrl(fromEnv, given?.base ?? root);
    // One target's history is one engine's: a snapshot of another on top would read as every
    // object removed and another schema added, and each later diff across the two as noise.
    if (configured && parsed.target.dialect !== configured.dialect) {
      const [given, expected] = [DIALECT_NAMES[parsed.target.dialect], DIALECT_NAMES[configured.dialect]];
      throw new UsageError(
        `${fromEnv.variable} is a ${given} connection, but target ${name} is ${expected} in ${CONFIG_FILE}; give a ${expected} URL, or use a ${given} target (-t NAME)`,
        'DIALECT_MISMATCH',
      );
    }
    const { schemas, exclude, connect_timeout, statement_timeout, lock_timeout } = configured ?? {};
    target = { ...parsed.target, schemas, exclude, connect_timeout, statement_timeout, lock_timeout };
    password = parsed.password;
  }
  if (!target) throw unknownTarget(config, name, root);
  // The stored password is the configured connection's: sent to a server an env URL names instead, it would go to the wrong place.
  // The configured connection itself is that server, even where its ${VAR}s expand to it.
  // An env URL naming it with weaker TLS settings (none, where verify-full was configured) would send the password less safely.
  const namesConfigured = configured !== undefined && (target === configured || takesPasswordOf(target, asExpanded(configured, env)));
  const where = `target ${name}`;
  const text = (v: string | undefined) => (v === undefined ? undefined : expand(String(v), where, env));
  const options = Object.fromEntries(Object.entries(target.options ?? {}).map(([k, v]) => [k, expand(String(v), where, env)]));
  // A TLS mode from a ${VAR} that names none is said as written: the variable may be a password put in the wrong field.
  for (const [key, value] of Object.entries(target.options ?? {})) {
    if (isTlsModeKey(key) && String(value).includes('${') && !isTlsMode(options[key]!)) {
      throw new UsageError(`${where}: ${key} ${String(value)} holds no TLS mode; set the variable to one (such as require or verify-full)`, 'BAD_SSLMODE');
    }
  }
  let database = expand(target.database, where, env);
  if (target.dialect === 'sqlite' && !isAbsolute(database)) database = resolve(root, database);
  const port = text(target.port === undefined ? undefined : String(target.port));
  // Named as written: a ${VAR} put in the wrong field may hold a password.
  if (port !== undefined && !isPort(port)) throw new UsageError(`${where}: port ${JSON.stringify(String(target.port))} is not a port number from 1 to 65535`, 'BAD_PORT');
  const timeoutProblem = connectTimeoutProblem(options.connect_timeout);
  if (timeoutProblem) throw new UsageError(`${where}: ${timeoutProblem}`, 'BAD_URL');
  password ??= (target === configured ? databaseUrlPassword(config, name, configured, root, env) : undefined) ?? envPassword(target.dialect, env);
  // A SQLite database takes no password: its connection never reads the secrets file. Looked up
  // once, if at all: each of a run's connections may ask.
  let stored: StoredPasswordLookup | undefined;
  const lookUpStored = password === undefined && configured && target.dialect !== 'sqlite'
    ? () => (stored ??= storedPassword(root, name, configured, env, namesConfigured ? undefined : fromEnv!.variable))
    : undefined;
  return {
    dialect: target.dialect,
    database,
    host: text(target.host),
    port: port === undefined ? undefined : Number(port),
    user: text(target.user),
    password,
    options,
    schemas: target.schemas,
    exclude: target.exclude,
    timeouts: {
      connectMs: (target.connect_timeout ?? DEFAULT_TIMEOUTS.connectMs / 1000) * 1000,
      statementMs: (target.statement_timeout ?? DEFAULT_TIMEOUTS.statementMs / 1000) * 1000,
      lockMs: (target.lock_timeout ?? DEFAULT_TIMEOUTS.lockMs / 1000) * 1000,
    },
    ...(lookUpStored && { storedPassword: lookUpStored }),
  };
}

const WRITTEN_ALIKE = 'host, port, socket, user, database and TLS options must be written alike';

/**
 * The stored password, where it may go: to the configured connection, and only while that is the
 * server it was stored for (config.yaml is tracked: a commit can point the target elsewhere), over
 * TLS no weaker; else why it was kept back. `elsewhere`: the variable whose URL names another server.
 */
function storedPassword(root: string, name: string, configured: TargetConfig, env: NodeJS.ProcessEnv, elsewhere: string | undefined): StoredPasswordLookup {
  if (elsewhere !== undefined) {
    return hasStoredPassword(root, name) ? { withheld: `the password stored for target ${name} goes only to ${describeTarget(configured)}, which ${elsewhere} names otherwise (${WRITTEN_ALIKE})` } : {};
  }
  const stored = readStoredPassword(root, name);
  if (stored === undefined) return {};
  if (stored.server && takesPasswordOf(asExpanded(configured, env), asExpanded(stored.server, env))) return { password: stored.password };
  const storeAgain = `store its password for that server: \`datatrack connect <url> --name ${name} --force\` (or with --password-stdin)`;
  return {
    withheld: stored.server
      ? `the password stored for target ${name} goes only to ${describeTarget(stored.server)}, the server it was stored for, which ${CONFIG_FILE} now names otherwise (${WRITTEN_ALIKE}); if ${describeTarget(configured)} is the right one, ${storeAgain}`
      : `the password stored for target ${name} was stored by an earlier datatrack, without the server it is for, and is bound to the server ${CONFIG_FILE} names only on a run where that file is as committed; commit or undo the changes to it, or ${storeAgain}`,
  };
}

/**
 * The configured server as its `${VAR}`s expand, to compare with a URL that names it. One that is
 * not set stays as written and names no server: the URL replaces the connection, so it need not be set.
 */
function asExpanded(target: TargetConfig, env: NodeJS.ProcessEnv): TargetConfig {
  const value = (v: string | number | undefined) => {
    if (v === undefined) return undefined;
    try {
      return expand(String(v), '', env);
    } catch {
      return String(v);
    }
  };
  return { ...target, host: value(target.host), port: value(target.port), user: value(target.user), database: value(target.database)! };
}

/**
 * Whether a password is stored for the target, only to explain why it was not sent: a secrets file
 * that cannot be used (open to others, not YAML) must not stop a connection that does not use it.
 */
function hasStoredPassword(root: string, name: string): boolean {
  return unlessUnusable(() => readStoredPassword(root, name)) !== undefined;
}

/**
 * The stored password a spec would offer if asked, to take out of what a run keeps (a note) even
 * where the server asked for none; none where the secrets file cannot be used.
 */
export function storedPasswordIfUsable(spec: ConnectionSpec): string | undefined {
  return unlessUnusable(() => spec.storedPassword?.().password);
}

/** What `read` finds in the secrets file, or undefined where that file cannot be used (a UsageError says why). */
function unlessUnusable<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof UsageError) return undefined;
    throw error;
  }
}

/**
 * DATABASE_URL's password for the configured default target, where the URL names its very server,
 * user and database (host, port, user and database written alike): CI often sets the variable for
 * the application's database, which the target may well be. A DATABASE_URL that names another
 * server, or does not parse, is another connection, which a configured target does not take.
 */
function databaseUrlPassword(config: DatatrackConfig, name: string, configured: TargetConfig, root: string, env: NodeJS.ProcessEnv): string | undefined {
  if (!env.DATABASE_URL || name !== (config.default_target ?? DEFAULT_TARGET)) return undefined;
  let parsed: ReturnType<typeof parseConnectionUrl>;
  try {
    parsed = parseConnectionUrl(env.DATABASE_URL, root);
  } catch {
    return undefined;
  }
  return sameServer(asExpanded(configured, env), parsed.target) ? parsed.password : undefined;
}

/** PGPASSWORD or MYSQL_PWD; set to nothing (an unset CI secret) it is none, as for libpq, and the stored password still counts. */
function envPassword(dialect: Dialect, env: NodeJS.ProcessEnv): string | undefined {
  if (dialect === 'postgres') return env.PGPASSWORD || undefined;
  if (dialect === 'mysql') return env.MYSQL_PWD || undefined;
  return undefined;
}
