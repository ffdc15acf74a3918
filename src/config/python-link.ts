// The Python datatrack kept its connection as `.datatrack/db_link.yaml` ({link: <url>}), password
// included. On first contact that link becomes the `default` target (unless one exists), its
// password moves to the git-ignored secrets file, and the file keeps only the redacted URL, marked
// as taken: a target it became and then removed is not brought back.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { refuseUnknownOptions } from '../dialects/url-options.js';
import { UsageError } from '../errors.js';
import { isSecretParameter } from '../util/redact.js';
import { CONFIG_DIR, configuredTarget, loadConfig, sameServer, saveTarget, type DatatrackConfig } from './config.js';
import { withConfigLock } from './config-lock.js';
import { readSecrets, writePassword } from './secrets.js';
import { storedTarget } from './stored-target.js';
import { DEFAULT_TARGET } from './targets.js';
import { describeTarget, parseConnectionUrl, urlWithoutPassword } from './url.js';
import { readYamlFile } from './yaml-file.js';

export const PYTHON_LINK_FILE = `${CONFIG_DIR}/db_link.yaml`;

/**
 * The first line of a link this datatrack took: it is never taken again, so that a target it
 * became and `disconnect` then removed stays removed (the Python tool reads the link still).
 */
const MIGRATED = '# migrated by datatrack';

/** The link left to migrate, read without writing; undefined when there is none (`config`: the configuration it would join). */
function linkToMigrate(root: string, config: DatatrackConfig) {
  const path = join(root, PYTHON_LINK_FILE);
  if (!fs.existsSync(path)) return undefined;
  if (fs.readFileSync(path, 'utf8').startsWith(MIGRATED)) return undefined;
  const link = (readYamlFile(path, PYTHON_LINK_FILE).value as { link?: unknown } | null)?.link;
  if (typeof link !== 'string' || link === '') return undefined;
  let parsed: ReturnType<typeof parseConnectionUrl>;
  try {
    parsed = parseConnectionUrl(link, root);
    refuseUnstorableOptions(parsed.target);
  } catch (error) {
    throw error instanceof UsageError ? new UsageError(`${PYTHON_LINK_FILE} (Python datatrack): ${error.message}; fix its link or remove the file`, error.code) : error;
  }
  const { password } = parsed;
  // As connect stores it: a relative sqlite:///app.db stays relative, so the config works in every clone.
  const target = storedTarget(root, parsed.target, parsed.relativeFile);
  const existing = configuredTarget(config, DEFAULT_TARGET);
  // Nothing left to migrate (the usual case, once done) takes no lock.
  if (existing && !password) return undefined;
  // The password is the link's server's: stored as target default's, it would go to another server.
  const stays =
    existing && !sameServer(existing, target)
      ? `${PYTHON_LINK_FILE} (Python datatrack) holds the password of ${describeTarget(target)}, which is not target ${DEFAULT_TARGET} (${describeTarget(existing)}); it was left in that file: add it with \`datatrack connect --name <name> <url>\`, then remove the file`
      : undefined;
  return { path, link, password, target, stays };
}

/**
 * For what changes no file (a git hook: a migration mid-commit would leave config.yaml and the link
 * changed, not staged): a warning that the link waits for a command to migrate it, or why it stays.
 */
export function pythonLinkLeft(root: string, config: DatatrackConfig): string | undefined {
  try {
    const pending = linkToMigrate(root, config);
    return pending && (pending.stays ?? `${PYTHON_LINK_FILE} (Python datatrack) is not migrated yet, and a hook changes no file: the next datatrack command (\`datatrack targets\`, say) migrates it`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return error.message;
  }
}

/** Migrates the Python tool's link if there is one to migrate; returns what it did, for a warning. */
export function migratePythonLink(root: string): string | undefined {
  const pending = linkToMigrate(root, loadConfig(root).config);
  if (!pending) return undefined;
  if (pending.stays) return pending.stays;
  const { path, link, password, target } = pending;
  const adopted = withConfigLock(root, () => {
    const { config } = loadConfig(root);
    const adopting = !configuredTarget(config, DEFAULT_TARGET);
    if (adopting) saveTarget(root, DEFAULT_TARGET, target, !config.default_target);
    // A link git brought back (a checkout of the Python era's commit) holds the password rotated
    // since: the one stored is kept.
    const stored = readSecrets(root)[DEFAULT_TARGET]?.password;
    if (password && stored === undefined) writePassword(root, DEFAULT_TARGET, { password, server: target });
    // Re-serialised by the URL parser, not edited as text: whatever shape a password had, none of it stays.
    const moved = password ? '; the password now lives in .datatrack/secrets.yaml' : '';
    fs.writeFileSync(path, `${MIGRATED} as target ${DEFAULT_TARGET}${moved}\nlink: ${JSON.stringify(urlWithoutPassword(link))}\n`);
    return { adopting, kept: password !== undefined && stored !== undefined && stored !== password };
  });
  if (!adopted.adopting && !password) return undefined;
  const passwordNote = adopted.kept
    ? `its password, not the one .datatrack/secrets.yaml holds for target ${DEFAULT_TARGET}, was taken out and the stored one kept (rotate it if the file was ever committed)`
    : password
      ? 'its password moved to .datatrack/secrets.yaml (rotate it if the file was ever committed)'
      : '';
  const parts = [adopted.adopting ? `its link became target ${DEFAULT_TARGET}` : '', passwordNote];
  return `${PYTHON_LINK_FILE} (Python datatrack): ${parts.filter(Boolean).join('; ')}`;
}

/**
 * What `connect` refuses when it connects: an option datatrack does not take (every later command
 * would fail on it) or one that holds a secret, which must not reach config.yaml, which git tracks.
 */
function refuseUnstorableOptions(target: ReturnType<typeof parseConnectionUrl>['target']): void {
  const options = target.options ?? {};
  const secret = Object.keys(options).find(isSecretParameter);
  if (secret !== undefined) throw new UsageError(`option ${secret} holds a secret, which no connection option datatrack supports takes`, 'BAD_OPTION');
  if (target.dialect !== 'sqlite') refuseUnknownOptions(options, target.dialect);
}
