// An earlier datatrack stored a password without the server it was for (secrets.ts), and sent it to
// whatever server config.yaml named. Such a password is bound, on first use, to its target as
// config.yaml names it, but only on a run where that file is as committed: an uncommitted edit (a
// server tried out, a file a script changed) never becomes a password's server. A commit that
// already pointed the target elsewhere before that run is not told apart (the earlier version sent
// the password there on every run); `connect --force` stores a password for the server meant.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { CONFIG_FILE, configuredTarget, loadConfig } from './config.js';
import { withConfigLock } from './config-lock.js';
import { readSecrets, readStoredPassword, SECRETS_FILE, writePassword } from './secrets.js';
import { describeTarget } from './url.js';

/** Binds target `name`'s password if an earlier datatrack stored it; returns what it did, for a warning. */
export function bindEarlierPassword(root: string, name: string): string | undefined {
  let stored: ReturnType<typeof readStoredPassword>;
  try {
    stored = readStoredPassword(root, name);
  } catch (error) {
    // A secrets file that cannot be read is said by the connection that needs its password, not by one that does not.
    if (error instanceof UsageError) return undefined;
    throw error;
  }
  if (stored === undefined || stored.server !== undefined || !committedAsIs(stored.workTree)) return undefined;
  // The work tree whose file holds it, with its own config.yaml: in a linked worktree, the main one's.
  const home = stored.workTree;
  const server = withConfigLock(home, () => {
    const configured = configuredTarget(loadConfig(home).config, name);
    const entry = readSecrets(home)[name];
    if (configured === undefined || entry?.password === undefined || entry.server !== undefined) return undefined;
    writePassword(home, name, { password: String(entry.password), server: configured });
    return configured;
  });
  if (server === undefined) return undefined;
  const file = home === root ? SECRETS_FILE : join(home, SECRETS_FILE);
  return `the password ${file} holds for target ${name}, stored by an earlier datatrack without its server, now goes only to ${describeTarget(server)}, as the committed ${CONFIG_FILE} names it; if it was stored for another server, run \`datatrack connect <url> --name ${name} --force\``;
}

/**
 * Whether config.yaml is as HEAD has it, neither staged nor changed: git says nothing of it. (It
 * says nothing of a file that does not exist either, which names no target to bind to.)
 */
function committedAsIs(root: string): boolean {
  const status = spawnSync('git', ['--no-optional-locks', 'status', '--porcelain', '--ignored', '--', CONFIG_FILE], { cwd: root, encoding: 'utf8' });
  return status.status === 0 && status.stdout === '';
}
