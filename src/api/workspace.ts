// The context every command works in: the git repository, its work tree and the configuration.
import { loadConfig, type DatatrackConfig } from '../config/config.js';
import { migratePythonLink } from '../config/python-link.js';
import type { YamlFile } from '../config/yaml-file.js';
import { openRepository, type Repository } from '../store/repository.js';

export interface Workspace {
  repo: Repository;
  /** The work tree root, where `.datatrack/` lives; undefined in a bare repository. */
  root: string | undefined;
  config: DatatrackConfig;
  /** The parsed config file, to point errors in its sections at file:line:column (see errorAt). */
  configFile: YamlFile | undefined;
}

export function openWorkspace(cwd: string): Workspace {
  const repo = openRepository(cwd);
  const root = repo.workTree;
  const migrated = root ? migratePythonLink(root) : undefined;
  if (migrated) process.stderr.write(`warning: ${migrated}\n`);
  const { config, file } = root ? loadConfig(root) : { config: { version: 1, targets: {} }, file: undefined };
  return { repo, root, config, configFile: file };
}
