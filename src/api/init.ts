// init: prepare a repository for datatrack (git init if needed, .datatrack/ from the template,
// schema_rules.yaml, the secrets file git-ignored).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CONFIG_DIR, CONFIG_FILE, makeConfigDir, resetConfig } from '../config/config.js';
import { readYamlFile } from '../config/yaml-file.js';
import { withConfigLock } from '../config/config-lock.js';
import { ignoreSecretsFile } from '../config/secrets.js';
import { StorageError, UsageError } from '../errors.js';
import { findRepository } from '../store/repository.js';
import { packageFile } from '../util/package-files.js';
import { isDeviceFailure, writeFailureReason } from '../util/write-file.js';

/** The package's template directory (`.datatrack-template/` beside package.json). */
export const TEMPLATE_DIR = packageFile('.datatrack-template');
/** The one template file that goes to the repository root rather than into .datatrack/. */
export const RULES_FILE = 'schema_rules.yaml';
/** The JSON Schema of schema_rules.yaml, copied into .datatrack/ for editors (the template's $schema comment). */
export const RULES_SCHEMA = packageFile('schema', 'schema_rules.schema.json');

export interface InitResult {
  root: string;
  git_initialized: boolean;
  created: string[];
  kept: string[];
}

function refuseNonDirectory(path: string, label: string): void {
  if (fs.existsSync(path) && !fs.statSync(path).isDirectory()) throw new UsageError(`${label} exists and is not a directory; move it away, then run init again`, 'NOT_A_DIRECTORY');
}

function refuseDirectory(path: string, label: string): void {
  if (fs.existsSync(path) && fs.statSync(path).isDirectory()) throw new UsageError(`${label} is a directory; datatrack needs to add a line to it as a file`, 'NOT_A_FILE');
}

/** `git init` in `cwd`; when git cannot (a directory one may not write to), its reason, exit 4 rather than an internal error. */
function gitInit(cwd: string): void {
  try {
    // SHA-1 whatever GIT_DEFAULT_HASH asks: datatrack would refuse the SHA-256 repository it had just made.
    execFileSync('git', ['init', '--quiet'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_DEFAULT_HASH: 'sha1' } });
  } catch (error) {
    const said = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0]!.replace(/^(fatal|error): /, '');
    throw new StorageError(`cannot create a git repository in ${cwd}: ${said || (error as Error).message}; run init where you may write, or git init first`, 'GIT_INIT_FAILED', error);
  }
}

export function init(request: { cwd: string; force?: boolean }): InitResult {
  let repo = findRepository(request.cwd);
  let gitInitialized = false;
  if (!repo) {
    gitInit(request.cwd);
    gitInitialized = true;
    repo = findRepository(request.cwd);
    // git init takes a damaged .git (a HEAD of garbage) for one and leaves it as it is.
    if (!repo) throw new StorageError(`git init ran in ${request.cwd}, but git still finds no repository there: its .git is damaged (\`git status\` says how); repair it, or move it away and run datatrack init again`, 'BROKEN_REPO');
  }
  const root = repo.workTree;
  if (!root) throw new UsageError('datatrack init needs a work tree; this is a bare repository (a snapshot here takes its connection from DATATRACK_<TARGET>_URL)', 'BARE_REPO');
  refuseNonDirectory(join(root, CONFIG_DIR), CONFIG_DIR);
  refuseDirectory(join(root, '.gitignore'), '.gitignore');
  // --force keeps the settings of a config it can read: one it cannot is refused before anything is written, not rewritten.
  if (request.force && fs.existsSync(join(root, CONFIG_FILE))) readYamlFile(join(root, CONFIG_FILE), CONFIG_FILE);
  const created: string[] = [];
  const kept: string[] = [];
  const copy = (from: string, to: string, label: string): void => {
    const exists = fs.existsSync(to);
    if (exists && !request.force) kept.push(label);
    else if (label === CONFIG_FILE && exists) {
      withConfigLock(root, () => resetConfig(root, fs.readFileSync(from, 'utf8')));
      created.push(`${label} (settings kept)`);
    } else {
      try {
        // Exclusive where nothing was there: a `connect` that saved its target since the check
        // above keeps it (with --force too, whose reset then keeps its settings).
        fs.copyFileSync(from, to, exists ? 0 : fs.constants.COPYFILE_EXCL);
        created.push(label);
      } catch (error) {
        // A .datatrack/ this user may not write (made by another user, or chmod'ed): said in words.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new StorageError(`cannot write ${label}: ${writeFailureReason(error)}; ${isDeviceFailure(error) ? 'free some space and run it again' : `check that you may write ${dirname(to)}`}`, 'CANNOT_WRITE', error);
        if (request.force) copy(from, to, label);
        else kept.push(label);
      }
    }
  };
  makeConfigDir(root);
  for (const name of fs.readdirSync(TEMPLATE_DIR)) {
    if (name === RULES_FILE) continue;
    copy(join(TEMPLATE_DIR, name), join(root, CONFIG_DIR, name), `${CONFIG_DIR}/${name}`);
  }
  copy(RULES_SCHEMA, join(root, CONFIG_DIR, basename(RULES_SCHEMA)), `${CONFIG_DIR}/${basename(RULES_SCHEMA)}`);
  // The house rules are the team's: never overwritten, even with --force.
  if (fs.existsSync(join(root, RULES_FILE))) kept.push(RULES_FILE);
  else copy(join(TEMPLATE_DIR, RULES_FILE), join(root, RULES_FILE), RULES_FILE);
  created.push(...ignoreSecretsFile(root).map((line) => `.gitignore entry ${line}`));
  return { root, git_initialized: gitInitialized, created, kept };
}
