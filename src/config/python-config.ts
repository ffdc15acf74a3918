// The Python datatrack's `init` wrote its own `.datatrack/config.yaml`: `project_name`,
// `created_by`, `sources` (always empty: that tool never read them) and `version: '0.1'`. A project
// that used it still has that file where this tool keeps its configuration, and DESIGN §1 promises
// such a project keeps working: its keys are recognised and ignored rather than refused as typos.

/** The top-level keys only the Python tool's config.yaml has. */
export const PYTHON_CONFIG_KEYS: ReadonlySet<string> = new Set(['project_name', 'created_by', 'sources']);

/** The version the Python tool wrote (PyYAML quotes it: a string). */
export const PYTHON_CONFIG_VERSION = '0.1';
