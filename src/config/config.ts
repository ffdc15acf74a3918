// `.datatrack/config.yaml`: the tracked configuration (targets without secrets, default target,
// lint, diff and pipeline settings). Edits go through the YAML document so that comments and
// layout a person wrote survive `connect` and `disconnect`.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { isCollection, isMap, isScalar, parseDocument, visit, type Document } from '#yaml';
import type { Dialect } from '../model/types.js';
import { isPasswordParameter, isSecretParameter } from '../util/redact.js';
import { PYTHON_CONFIG_KEYS, PYTHON_CONFIG_VERSION } from './python-config.js';
import { removingOnFailure } from '../util/temporary-file.js';
import { dialectOfScheme, isPort, MAX_TIMEOUT_SECONDS } from './url.js';
import { errorAt, readYamlFile, type YamlFile } from './yaml-file.js';
import { UsageError } from '../errors.js';

export const CONFIG_DIR = '.datatrack';
export const CONFIG_FILE = `${CONFIG_DIR}/config.yaml`;
export const DIALECTS: Dialect[] = ['postgres', 'mysql', 'sqlite'];

export interface TargetConfig {
  dialect: Dialect;
  /** Database name, or for SQLite the file path (relative to the repository root). */
  database: string;
  host?: string;
  port?: number | string;
  user?: string;
  options?: Record<string, string>;
  schemas?: string[];
  exclude?: string[];
  /** Seconds; see ConnectionSpec.timeouts. */
  connect_timeout?: number;
  statement_timeout?: number;
  lock_timeout?: number;
}

export interface DatatrackConfig {
  version: number;
  default_target?: string;
  targets: Record<string, TargetConfig>;
  [section: string]: unknown;
}

const TOP_LEVEL = new Set(['version', 'default_target', 'targets', 'lint', 'pipeline', 'hooks', 'renames', 'impact']);
const TARGET_KEYS = new Set(['dialect', 'database', 'host', 'port', 'user', 'options', 'schemas', 'exclude', 'connect_timeout', 'statement_timeout', 'lock_timeout']);

/** The longest component of a ref git can write as a file (255 bytes with its `.lock`). */
export const MAX_REF_COMPONENT_BYTES = 250;

/** The rules of `git check-ref-format` for the part after refs/datatrack/, plus no spaces: what is wrong with `name`, if anything. */
export function targetNameProblem(name: string): string | undefined {
  return name === '' ? 'is empty'
    // Its ref would be refs/datatrack/refs/…, while the name given as a revision reads as a ref of its own.
    : name.startsWith('refs/') ? 'starts with "refs/", which reads as a ref\'s full name where a revision is given'
    : /[\u0000-\u0020\u007f~^:?*[\\]/.test(name) ? 'contains a space, a control character or one of ~^:?*[\\'
    : name.includes('..') ? 'contains ".."'
    : name.includes('@{') || name === '@' ? 'contains "@{" or is "@"'
    : name.startsWith('/') || name.endsWith('/') || name.includes('//') ? 'has an empty path component'
    : name.endsWith('.') ? 'ends with "."'
    : name.split('/').some((c) => c.startsWith('.') || c.endsWith('.lock')) ? 'has a component that starts with "." or ends with ".lock"'
    // A ref is a file, and git writes it as <name>.lock first: a file name holds 255 bytes.
    : name.split('/').some((c) => Buffer.byteLength(c) > MAX_REF_COMPONENT_BYTES) ? `has a component longer than ${MAX_REF_COMPONENT_BYTES} bytes, more than a ref's file name can hold`
    : undefined;
}

export function targetEnvName(target: string): string {
  return `DATATRACK_${target.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
}

/**
 * Why two target names (or a name and a ref's) cannot both exist, if they cannot. Refs are files:
 * refs/datatrack/a and refs/datatrack/a/b cannot both exist. And two names that give one
 * DATATRACK_<TARGET>_URL variable (a-b and a_b, prod and Prod) would read one database.
 */
export function targetNameClash(name: string, other: string): string | undefined {
  if (other.startsWith(`${name}/`) || name.startsWith(`${other}/`)) return `git cannot hold both refs/datatrack/${name} and refs/datatrack/${other}`;
  if (other !== name && targetEnvName(other) === targetEnvName(name)) return `both would take their URL from ${targetEnvName(name)}`;
  return undefined;
}

export interface LoadedConfig {
  config: DatatrackConfig;
  file: YamlFile | undefined;
}

function validate(file: YamlFile): DatatrackConfig {
  const value = file.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) throw errorAt(file, [], 'the configuration must be a mapping');
  const config = Object.fromEntries(Object.entries(value).filter(([key]) => !PYTHON_CONFIG_KEYS.has(key)));
  for (const key of Object.keys(config)) {
    if (!TOP_LEVEL.has(key)) throw errorAt(file, [key], `unknown key "${key}" (known: ${[...TOP_LEVEL].join(', ')})`, true);
  }
  if (config.version !== undefined && config.version !== 1 && config.version !== PYTHON_CONFIG_VERSION) throw errorAt(file, ['version'], 'version must be 1');
  if (config.default_target !== undefined && typeof config.default_target !== 'string') {
    throw errorAt(file, ['default_target'], 'default_target must be a target name');
  }
  const targets = config.targets ?? {};
  if (typeof targets !== 'object' || Array.isArray(targets)) throw errorAt(file, ['targets'], 'targets must be a mapping of name → target');
  const names = Object.keys(targets);
  for (const [index, [name, raw]] of Object.entries(targets as Record<string, unknown>).entries()) {
    const at = ['targets', name];
    const badName = targetNameProblem(name);
    if (badName) throw errorAt(file, at, `invalid target name ${JSON.stringify(name)}: it ${badName} (target names become git refs, refs/datatrack/<name>)`, true);
    // `connect` refuses such a name; one written by hand (or merged from a teammate's branch) is caught here.
    for (const earlier of names.slice(0, index)) {
      const clash = targetNameClash(name, earlier);
      if (clash) throw errorAt(file, at, `target name ${JSON.stringify(name)} clashes with ${JSON.stringify(earlier)}: ${clash}; rename one of them`, true);
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw errorAt(file, at, `target ${name} must be a mapping`);
    const target = raw as Record<string, unknown>;
    for (const key of Object.keys(target)) {
      if (isPasswordParameter(key)) throw errorAt(file, [...at, key], passwordHere(name), true);
      if (!TARGET_KEYS.has(key)) throw errorAt(file, [...at, key], `unknown key "${key}" in target ${name} (known: ${[...TARGET_KEYS].join(', ')})`, true);
    }
    // The names the URL schemes use are taken too: `dialect: postgresql` is what one writes by hand.
    target.dialect = dialectOfScheme(String(target.dialect)) ?? target.dialect;
    if (!DIALECTS.includes(target.dialect as Dialect)) throw errorAt(file, [...at, 'dialect'], `dialect must be one of ${DIALECTS.join(', ')}`);
    if (typeof target.database !== 'string' || target.database === '') throw errorAt(file, [...at, 'database'], 'database must be a non-empty string');
    // A SQLite database is a file: a server part here is a dialect changed by hand, or a mix-up of two targets.
    const serverKey = target.dialect === 'sqlite' ? (['host', 'port', 'user'] as const).find((key) => target[key] !== undefined) : undefined;
    if (serverKey) throw errorAt(file, [...at, serverKey], `a sqlite target has no ${serverKey}: its database is the file's path; remove ${serverKey}, or set the dialect of the server it names`, true);
    for (const key of ['host', 'user'] as const) {
      if (target[key] !== undefined && typeof target[key] !== 'string') throw errorAt(file, [...at, key], `${key} must be a string`);
    }
    for (const key of ['connect_timeout', 'statement_timeout', 'lock_timeout'] as const) {
      const value = target[key];
      if (value !== undefined && (typeof value !== 'number' || !(value > 0) || value > MAX_TIMEOUT_SECONDS)) {
        throw errorAt(file, [...at, key], `${key} must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}`);
      }
    }
    const port = target.port;
    // A string may be a ${VAR}, checked once expanded (resolveTarget).
    if (port !== undefined && !(typeof port === 'string' && port.includes('${')) && !isPort(port)) {
      throw errorAt(file, [...at, 'port'], 'port must be a whole number from 1 to 65535');
    }
    for (const key of ['schemas', 'exclude'] as const) {
      const list = target[key];
      if (list !== undefined && (!Array.isArray(list) || !list.every((v) => typeof v === 'string'))) {
        throw errorAt(file, [...at, key], `${key} must be a list of names or globs`);
      }
    }
    // An empty list tracks nothing: its snapshot would read as every table dropped.
    if (Array.isArray(target.schemas) && target.schemas.length === 0) {
      throw errorAt(file, [...at, 'schemas'], 'schemas is an empty list, which tracks no schema: list the schemas (or globs) to track, or leave the key out to track them all');
    }
    const options = target.options;
    if (options !== undefined && (typeof options !== 'object' || Array.isArray(options) || Object.values(options as object).some((v) => typeof v === 'object'))) {
      throw errorAt(file, [...at, 'options'], 'options must be a mapping of name → value');
    }
    // `connect` takes a URL's password parameters out of the options; one typed in by hand would be
    // committed with this file (and a DATATRACK_<TARGET>_URL, which replaces the options, would not even fail on it).
    const password = Object.keys(options ?? {}).find(isSecretParameter);
    if (password !== undefined) {
      // A key's passphrase or a token no supported option takes: refused here all the same, so that the pre-commit hook blocks it.
      const problem = isPasswordParameter(password) ? passwordHere(name) : `option ${password} names a secret, which does not belong in ${CONFIG_FILE}, which git tracks: take it out (no connection option datatrack supports takes one)`;
      throw errorAt(file, [...at, 'options', password], problem, true);
    }
  }
  return { ...config, version: 1, targets: targets as Record<string, TargetConfig> } as DatatrackConfig;
}

/**
 * Creates .datatrack/ if it is missing, 0700: it holds the secrets file, and under a umask of 000
 * it would be world-writable, so anyone could replace that file.
 */
export function makeConfigDir(root: string): void {
  fs.mkdirSync(join(root, CONFIG_DIR), { recursive: true, mode: 0o700 });
}

function passwordHere(target: string): string {
  return `a password does not belong in ${CONFIG_FILE}, which git tracks: take it out, then run \`datatrack connect <url-with-password> --name ${target} --force\` (it goes to the git-ignored ${CONFIG_DIR}/secrets.yaml) or set it in the environment (DATATRACK_<TARGET>_URL, PGPASSWORD, MYSQL_PWD)`;
}

/** The options that name where a connection goes besides host and port: a MySQL Unix socket. */
const ENDPOINT_OPTIONS = ['socket', 'unix_socket'] as const;
const sameOptions = (a: TargetConfig, b: TargetConfig, keys: readonly string[]) => keys.every((key) => String(a.options?.[key] ?? '') === String(b.options?.[key] ?? ''));

/**
 * Whether two targets reach the same database as the same user: a stored password may go to one
 * only if it is the other's. A socket is an endpoint as a host is (one an env URL names may be anyone's).
 */
export function sameServer(a: TargetConfig, b: TargetConfig): boolean {
  return (['dialect', 'host', 'port', 'user', 'database'] as const).every((key) => String(a[key] ?? '') === String(b[key] ?? '')) && sameOptions(a, b, ENDPOINT_OPTIONS);
}

/** TLS modes by how safely they send a password, in PostgreSQL's and MySQL's spellings (none given: prefer). */
const TLS_RANK: Record<string, number> = {
  disable: 0, disabled: 0, false: 0, allow: 1, '': 2, prefer: 2, preferred: 2,
  require: 3, required: 3, true: 3, verify_ca: 4, verify_full: 5, verify_identity: 5,
};

/** The option keys that give a TLS mode, in PostgreSQL's and MySQL's spellings. */
const TLS_MODE_KEYS = ['sslmode', 'ssl_mode', 'ssl-mode', 'ssl'];

export const isTlsModeKey = (key: string): boolean => TLS_MODE_KEYS.includes(key);

/** Whether `value` spells a TLS mode in either dialect (which one takes it, its dialect says). */
export const isTlsMode = (value: string): boolean => TLS_RANK[value.toLowerCase().replace(/-/g, '_')] !== undefined;

function tlsStrength(target: TargetConfig): { rank: number; authority: string } {
  const options = target.options ?? {};
  const mode = TLS_MODE_KEYS.map((key) => String(options[key] ?? '')).find((value) => value !== '') ?? '';
  return { rank: TLS_RANK[mode.toLowerCase().replace(/-/g, '_')] ?? 0, authority: String(options.sslrootcert ?? options.ssl_ca ?? '') };
}

/**
 * Whether `to` sends a password at least as safely as `from`, the connection it was stored for: no
 * weaker TLS mode (plain where verify-full was configured), and the same certificate authority where
 * `from` verifies the server (another would trust another server).
 */
function noWeakerTls(from: TargetConfig, to: TargetConfig): boolean {
  const [stored, given] = [tlsStrength(from), tlsStrength(to)];
  return given.rank >= stored.rank && (stored.rank < TLS_RANK.verify_ca! || given.authority === stored.authority);
}

/** Whether a password stored for connection `from` may go to `to`: the same server, user and database, over TLS no weaker. */
export function takesPasswordOf(to: TargetConfig, from: TargetConfig): boolean {
  return sameServer(from, to) && noWeakerTls(from, to);
}

/** The target configured as `name`, if any: own keys only, so `constructor` or `toString` names none. */
export function configuredTarget(config: DatatrackConfig, name: string): TargetConfig | undefined {
  return Object.hasOwn(config.targets, name) ? config.targets[name] : undefined;
}

/** Loads the configuration of a work tree; a missing file is an empty configuration. */
export function loadConfig(root: string): LoadedConfig {
  const path = join(root, CONFIG_FILE);
  let found: fs.Stats | undefined;
  try {
    found = fs.statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    // A .datatrack/ that is a file, or one this user may not enter, is no missing config: "run init" would be wrong advice.
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOTDIR' ? `${CONFIG_DIR} is a file, not a directory` : code === 'EACCES' || code === 'EPERM' ? `${CONFIG_DIR} cannot be read by this user (permission denied)` : (error as Error).message;
    throw new UsageError(`cannot read ${CONFIG_FILE}: ${why}; check ${join(root, CONFIG_DIR)}`, 'CONFIG_INVALID', error);
  }
  if (!found) return { config: { version: 1, targets: {} }, file: undefined };
  const file = readYamlFile(path, CONFIG_FILE);
  return { config: validate(file), file };
}

/**
 * Replaces the configuration with `template` (init --force) but keeps every setting the team made
 * (targets, default target, lint, impact, renames, pipeline, hooks): only the template's comments
 * come back. Callers hold the configuration lock.
 */
export function resetConfig(root: string, template: string): void {
  const path = join(root, CONFIG_FILE);
  const document = parseDocument(template);
  let padded = true;
  let text = '';
  if (fs.existsSync(path)) {
    text = fs.readFileSync(path, 'utf8');
    const old = parseDocument(text);
    padded = flowPadding(old, text);
    // The template brings its comments back; every setting the team made (targets, lint, impact,
    // renames, pipeline, hooks, …) stays as it was, with the comments written above it.
    for (const pair of isMap(old.contents) ? old.contents.items : []) {
      const name = isScalar(pair.key) ? pair.key.value : pair.key;
      // The Python tool's keys are no settings here: --force is how a migrated project sheds them.
      if (name === 'version' || PYTHON_CONFIG_KEYS.has(String(name))) continue;
      if (document.has(name) || !isMap(document.contents)) document.set(name, old.get(name, true));
      else document.contents.items.push(pair);
    }
  }
  writeConfig(path, document.toString({ lineWidth: 0, flowCollectionPadding: padded }), text);
}

/**
 * Whether the file pads its flow collections (`{ a: 1 }`, the yaml library's way) or not (`{a: 1}`,
 * as the README's examples are written): the library applies one way to the whole file, so taking
 * the file's own keeps a rewrite from touching lines the team wrote (a `connect` in a fresh clone
 * would otherwise leave a tracked diff in `hooks:` or `pipeline:`).
 */
function flowPadding(document: Document, text: string): boolean {
  let padded = true;
  visit(document, (_key, node) => {
    if (!isCollection(node) || !node.flow || node.items.length === 0 || !node.range) return undefined;
    padded = /\s/.test(text.charAt(node.range[0] + 1));
    return visit.BREAK;
  });
  return padded;
}

/**
 * The yaml library writes LF and no byte-order mark: a file the team keeps with CRLF line ends (an
 * editor on Windows, no core.autocrlf) or a BOM gets them back, or one `connect` would show every
 * line of the tracked file as changed.
 */
function inStyleOf(original: string, text: string): string {
  const lines = /\r\n/.test(original.slice(0, original.indexOf('\n') + 1)) ? text.replace(/\r?\n/g, '\r\n') : text;
  return original.startsWith('\uFEFF') ? `\uFEFF${lines}` : lines;
}

function writeConfig(path: string, text: string, original: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  removingOnFailure([temp], () => {
    fs.writeFileSync(temp, inStyleOf(original, text));
    fs.renameSync(temp, path);
  });
}

/**
 * Sets (or with `undefined` removes) one target, keeping the rest of the file as written. The new
 * file replaces the old one in one rename, so no reader (or crash) ever sees it half written.
 * Callers hold the configuration lock (config-lock.ts).
 */
export function saveTarget(root: string, name: string, target: TargetConfig | undefined, makeDefault: boolean): void {
  const path = join(root, CONFIG_FILE);
  const text = fs.existsSync(path) ? fs.readFileSync(path, 'utf8') : 'version: 1\n';
  const document = parseDocument(text);
  // `targets: {}` (a file whose last target was removed, which older versions kept) is written out in
  // block style again as it fills: in flow style every target would share one line.
  const targets = document.get('targets', true);
  if (target && isMap(targets) && targets.flow && targets.items.length === 0) targets.flow = false;
  if (target) document.setIn(['targets', name], document.createNode(target));
  else document.deleteIn(['targets', name]);
  const left = document.get('targets', true);
  if (isMap(left) && left.items.length === 0) document.delete('targets');
  if (makeDefault) document.set('default_target', name);
  else if (!target && document.get('default_target') === name) document.delete('default_target');
  makeConfigDir(root);
  writeConfig(path, document.toString({ lineWidth: 0, flowCollectionPadding: flowPadding(document, text) }), text);
}
