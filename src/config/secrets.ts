// The local secrets file: passwords per target, each with the server it was stored for, git-ignored,
// mode 0600. It is created with that mode whatever the umask, in a 0700 directory; a copy that others
// can read, or that another user owns (and so could have planted or can still change), is refused
// rather than used.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isAlias, isScalar, stringify, type Scalar } from '#yaml';
import { UsageError } from '../errors.js';
import { CONFIG_DIR, makeConfigDir, type TargetConfig } from './config.js';
import { TOO_DEEP } from '../codec/yaml-parse.js';
import { removingOnFailure } from '../util/temporary-file.js';
import { errorAt, MAX_CONFIG_BYTES, readYamlFile, YamlFileError, type YamlFile } from './yaml-file.js';
import { writeAllSync } from '../util/write-all.js';

export const SECRETS_FILE = `${CONFIG_DIR}/secrets.yaml`;

/** A stored password and the connection it was stored for, the only one it goes to (targets.ts). */
export interface StoredPassword {
  password: string;
  /**
   * The target's connection when the password was stored, as config.yaml writes it: that file is
   * tracked and shared, and a commit that points the target elsewhere must not take the password
   * along. None in an entry an earlier datatrack wrote (password-binding.ts binds those).
   */
  server?: TargetConfig;
}

type Secrets = Record<string, { password?: string; server?: TargetConfig }>;

/** What a target says of where its connection goes and how safely (TLS): all of it a password's server keeps, none of it secret. */
const SERVER_KEYS = ['dialect', 'host', 'port', 'user', 'database', 'options'] as const;

const serverOf = (target: TargetConfig): TargetConfig => Object.fromEntries(SERVER_KEYS.flatMap((key) => (target[key] === undefined ? [] : [[key, target[key]]]))) as unknown as TargetConfig;

/** Passwords by target name, without a prototype: `constructor` is no entry, `__proto__` an ordinary one. */
const byTarget = (entries: Secrets = {}): Secrets => Object.assign(Object.create(null) as Secrets, entries);

function secretsPath(root: string): string {
  return join(root, SECRETS_FILE);
}

/** `label`: how messages name the file (another work tree's is named by its full path). */
export function readSecrets(root: string, label: string = SECRETS_FILE): Secrets {
  const path = secretsPath(root);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    return byTarget();
  }
  if (!stat.isFile()) throw new UsageError(`${label} is not a file (a directory?); move it away: connect writes the passwords there`, 'SECRETS_MODE');
  const uid = process.getuid?.(); // undefined on Windows, where modes and owners mean little
  if (uid !== undefined && stat.uid !== uid) {
    throw new UsageError(`${label} belongs to another user (uid ${stat.uid}; you are uid ${uid}); datatrack reads only a secrets file you own`, 'SECRETS_OWNER');
  }
  if ((stat.mode & 0o077) !== 0) {
    throw new UsageError(
      `${label} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}); run \`chmod 600 ${label}\``,
      'SECRETS_MODE',
    );
  }
  let file: YamlFile;
  try {
    file = readYamlFile(path, label);
  } catch (error) {
    if (!(error instanceof YamlFileError)) throw error;
    // The parser's own words quote the text around the problem, which here is likely a password;
    // datatrack's own messages (size, depth, too many aliases, an unreadable file) quote nothing;
    // an unresolved alias names its anchor, which is a password that starts with `*`.
    const { line, column } = error.data as { line?: number; column?: number };
    if (line === undefined || error.message.includes(TOO_DEEP) || /Excessive alias count/.test(error.message)) throw error;
    throw new YamlFileError(label, line, column, 'not valid YAML (the parser\'s message is not shown: it may quote a password); put each password in double quotes, e.g. password: "…"');
  }
  return byTarget(validSecrets(file));
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The file's entries, each a mapping with a string `password` and its `server`; a mistake is named by place, never by value. */
function validSecrets(file: YamlFile): Secrets {
  const value = file.value as { targets?: unknown } | null;
  if (value === null || value === undefined) return {};
  if (!isMapping(value)) throw errorAt(file, [], 'the secrets file must be a mapping with a targets: key');
  // Keys are not quoted either: `password:pw` without a space after the colon is one key, password and all.
  for (const key of Object.keys(value)) if (key !== 'targets') throw errorAt(file, [key], 'unknown key (known: targets)', true);
  const targets = value.targets ?? {};
  if (!isMapping(targets)) throw errorAt(file, ['targets'], 'targets must be a mapping of target name → {password: …, server: …}');
  for (const [name, entry] of Object.entries(targets)) {
    if (!isMapping(entry)) throw errorAt(file, ['targets', name], `target ${name} must be a mapping with a password: key`);
    for (const key of Object.keys(entry)) {
      if (key !== 'password' && key !== 'server') throw errorAt(file, ['targets', name, key], `unknown key in target ${name} (known: password, server; write password: "…", with a space after the colon)`, true);
    }
    validServer(file, name, entry.server);
    const password = entry.password;
    // `password: &pw x` reads as x (an anchor named pw), `*pw` as an alias, `!pw` as a tag: a generated password may start so.
    const node = file.document.getIn(['targets', name, 'password'], true);
    if (isAlias(node) || (isScalar(node) && (node.anchor !== undefined || node.tag !== undefined))) {
      throw errorAt(file, ['targets', name, 'password'], `the password of target ${name} starts with &, * or !, which YAML reads as an anchor, an alias or a tag: put it in double quotes`);
    }
    if (password !== undefined && typeof password !== 'string' && typeof password !== 'number') throw errorAt(file, ['targets', name, 'password'], `the password of target ${name} must be a string: put it in double quotes`);
    // A password of digits is the text typed, not the number YAML reads: `0123` would be 123, `1e3` 1000.
    if (typeof password === 'number') entry.password = (file.document.getIn(['targets', name, 'password'], true) as Scalar).source ?? String(password);
  }
  return targets as Secrets;
}

const isScalarValue = (value: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof value);

/** A hand-edited `server` of the wrong shape is refused by place; a wrong value only names another server, to which no password goes. */
function validServer(file: YamlFile, name: string, server: unknown): void {
  if (server === undefined) return;
  const at = ['targets', name, 'server'];
  if (!isMapping(server)) throw errorAt(file, at, `the server of target ${name} must be a mapping (${SERVER_KEYS.join(', ')})`);
  for (const [key, value] of Object.entries(server)) {
    if (!(SERVER_KEYS as readonly string[]).includes(key)) throw errorAt(file, [...at, key], `unknown key in the server of target ${name} (known: ${SERVER_KEYS.join(', ')})`, true);
    if (key === 'options' ? !isMapping(value) || !Object.values(value).every(isScalarValue) : !isScalarValue(value)) {
      throw errorAt(file, [...at, key], key === 'options' ? `the options of target ${name}'s server must be a mapping of name → value` : `${key} in the server of target ${name} must be a single value`);
    }
  }
}

/**
 * A target's stored password: this work tree's, else (in a linked worktree, `git worktree add`)
 * the main work tree's, where `connect` was run; the file is git-ignored, so no checkout has it.
 * `workTree`: the one whose file holds it.
 */
export function readStoredPassword(root: string, target: string): (StoredPassword & { workTree: string }) | undefined {
  const main = mainWorkTree(root);
  // The main work tree's file is named by its full path: `chmod 600 .datatrack/secrets.yaml` run in
  // this worktree would find no such file.
  for (const [dir, label] of [[root, SECRETS_FILE], ...(main === undefined ? [] : [[main, join(main, SECRETS_FILE)]])] as const) {
    const { password, server } = readSecrets(dir, label)[target] ?? {};
    if (password !== undefined) return { password: String(password), ...(server && { server }), workTree: dir };
  }
  return undefined;
}

/**
 * The main work tree of the linked worktree at `root`, read from git's own pointers: `.git` is a
 * file naming the worktree's git dir, whose `commondir` names the main repository's `.git`.
 */
function mainWorkTree(root: string): string | undefined {
  try {
    const gitDir = /^gitdir: (.*)$/m.exec(fs.readFileSync(join(root, '.git'), 'utf8'))?.[1];
    if (gitDir === undefined) return undefined;
    const absoluteGitDir = resolve(root, gitDir);
    const commonDir = resolve(absoluteGitDir, fs.readFileSync(join(absoluteGitDir, 'commondir'), 'utf8').trim());
    return basename(commonDir) === '.git' ? dirname(commonDir) : undefined;
  } catch {
    return undefined; // not a linked worktree: `.git` is a directory, or a submodule's file without a commondir
  }
}

/** Whether git answers yes (exit 0) about a path; `undefined` when git cannot say. */
function gitSays(root: string, args: string[], path = SECRETS_FILE): boolean | undefined {
  const result = spawnSync('git', [...args, '--', path], { cwd: root, stdio: 'ignore' });
  return result.status === 0 ? true : result.status === 1 ? false : undefined;
}

/** The name a write of the secrets file goes through before its rename. */
const temporaryName = (path: string, pid: number | '*'): string => `${path}.${pid}.tmp`;

/**
 * The secrets file and the temporary name it is written under: a write killed before its rename
 * leaves that file behind, password inside, and `git add -A` must not pick it up either.
 */
const IGNORED = [
  { path: SECRETS_FILE, line: `/${SECRETS_FILE}` },
  { path: temporaryName(SECRETS_FILE, 0), line: `/${temporaryName(SECRETS_FILE, '*')}` },
];

/**
 * Adds the secrets file (and its temporary name) to the repository's .gitignore unless git already
 * ignores them; returns the lines it added. git is asked rather than the file read: a later
 * `!/.datatrack/secrets.yaml` line, or a pattern elsewhere, decides as much as the line itself.
 */
export function ignoreSecretsFile(root: string): string[] {
  if (gitSays(root, ['ls-files', '--error-unmatch'])) {
    throw new UsageError(`${SECRETS_FILE} is tracked by git, so a password written there would be committed; run \`git rm --cached ${SECRETS_FILE}\` (and rotate the passwords it held), then try again`, 'SECRETS_TRACKED');
  }
  const missing = IGNORED.filter(({ path }) => gitSays(root, ['check-ignore', '-q'], path) === false);
  if (missing.length === 0) return [];
  const gitignore = join(root, '.gitignore');
  const text = fs.existsSync(gitignore) ? fs.readFileSync(gitignore, 'utf8') : '';
  fs.writeFileSync(gitignore, text + (text === '' || text.endsWith('\n') ? '' : '\n') + missing.map(({ line }) => `${line}\n`).join(''));
  // A rule nearer the file (.datatrack/.gitignore) or later can still un-ignore it: git decides.
  const stillSeen = missing.find(({ path }) => gitSays(root, ['check-ignore', '-q'], path) === false);
  if (stillSeen) {
    throw new UsageError(`git still does not ignore ${stillSeen.path} after a line for it was added to .gitignore: another ignore rule un-ignores it (\`git check-ignore -v --no-index ${stillSeen.path}\` names it); remove that rule, then try again; no password was written`, 'SECRETS_NOT_IGNORED');
  }
  return missing.map(({ line }) => line);
}

/**
 * Stores (or with undefined removes) a target's password, with the server it is for. The file is
 * git-ignored first: `connect` works without `init`, and a password must never be one `git add -A`
 * away from a commit.
 */
export function writePassword(root: string, target: string, stored: Required<StoredPassword> | undefined): void {
  const secrets = readSecrets(root);
  if (stored === undefined) {
    if (!secrets[target]) return;
    delete secrets[target];
  } else secrets[target] = { password: stored.password, server: serverOf(stored.server) };
  const text = `# datatrack local secrets: never commit this file\n${stringify({ targets: secrets })}`;
  // Every later command reads this file (up to the config files' limit): one it cannot read would
  // stop them all. No server takes a password of that size anyway.
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    throw new UsageError(`that password is ${Buffer.byteLength(stored?.password ?? '')} bytes, more than ${SECRETS_FILE} can keep (${MAX_CONFIG_BYTES} bytes in all); check what was piped or pasted as the password`, 'BAD_PASSWORD');
  }
  makeConfigDir(root);
  // A secrets file linked from elsewhere (a vault mount, a shared dotfile) is written where it is, not replaced by a copy.
  const path = fs.lstatSync(secretsPath(root), { throwIfNoEntry: false })?.isSymbolicLink() ? fs.realpathSync(secretsPath(root)) : secretsPath(root);
  ignoreSecretsFile(root);
  const temp = temporaryName(path, process.pid);
  removingOnFailure([temp], () => {
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.fchmodSync(fd, 0o600); // the umask may have widened or narrowed the creation mode
      writeAllSync(fd, text);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, path);
  });
}
