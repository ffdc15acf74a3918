// The Python datatrack kept its connection as `.datatrack/db_link.yaml` ({link: <url>}), password
// included. On first contact that link becomes the `default` target (unless one exists), its
// password moves to the git-ignored secrets file, and the file keeps only the redacted URL, marked
// as taken: a target it became and then removed is not brought back.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { CONFIG_DIR, configuredTarget, loadConfig, sameServer, saveTarget } from './config.js';
import { withConfigLock } from './config-lock.js';
import { writePassword } from './secrets.js';
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

/** Migrates the Python tool's link if there is one to migrate; returns what it did, for a warning. */
export function migratePythonLink(root: string): string | undefined {
  const path = join(root, PYTHON_LINK_FILE);
  if (!fs.existsSync(path)) return undefined;
  if (fs.readFileSync(path, 'utf8').startsWith(MIGRATED)) return undefined;
  const link = (readYamlFile(path, PYTHON_LINK_FILE).value as { link?: unknown } | null)?.link;
  if (typeof link !== 'string' || link === '') return undefined;
  let parsed: ReturnType<typeof parseConnectionUrl>;
  try {
    parsed = parseConnectionUrl(link, root);
  } catch (error) {
    throw error instanceof UsageError ? new UsageError(`${PYTHON_LINK_FILE} (Python datatrack): ${error.message}; fix its link or remove the file`, error.code) : error;
  }
  const { password } = parsed;
  // As connect stores it: a relative sqlite:///app.db stays relative, so the config works in every clone.
  const target = storedTarget(root, parsed.target, parsed.relativeFile);
  const existing = configuredTarget(loadConfig(root).config, DEFAULT_TARGET);
  // Nothing left to migrate (the usual case, once done) takes no lock.
  if (existing && !password) return undefined;
  // The password is the link's server's: stored as target default's, it would go to another server.
  if (existing && !sameServer(existing, target)) {
    return `${PYTHON_LINK_FILE} (Python datatrack) holds the password of ${describeTarget(target)}, which is not target ${DEFAULT_TARGET} (${describeTarget(existing)}); it was left in that file: add it with \`datatrack connect --name <name> <url>\`, then remove the file`;
  }
  const adopted = withConfigLock(root, () => {
    const { config } = loadConfig(root);
    const adopting = !configuredTarget(config, DEFAULT_TARGET);
    if (adopting) saveTarget(root, DEFAULT_TARGET, target, !config.default_target);
    if (password) writePassword(root, DEFAULT_TARGET, password);
    // Re-serialised by the URL parser, not edited as text: whatever shape a password had, none of it stays.
    const moved = password ? '; the password now lives in .datatrack/secrets.yaml' : '';
    fs.writeFileSync(path, `${MIGRATED} as target ${DEFAULT_TARGET}${moved}\nlink: ${JSON.stringify(urlWithoutPassword(link))}\n`);
    return adopting;
  });
  if (!adopted && !password) return undefined;
  const parts = [adopted ? `its link became target ${DEFAULT_TARGET}` : '', password ? 'its password moved to .datatrack/secrets.yaml (rotate it if the file was ever committed)' : ''];
  return `${PYTHON_LINK_FILE} (Python datatrack): ${parts.filter(Boolean).join('; ')}`;
}
