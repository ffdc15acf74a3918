// The parts of oclif the CLI uses, as `#oclif` (package.json "imports"). The build bundles the
// value exports below, each from its own module, into dist/vendor/oclif.js (.ci/build-assets.mjs):
// a name not exported here is a type error, as it would be missing at run time.
export { execute } from '@oclif/core/execute';
export { Command } from '@oclif/core/command';
export { Help } from '@oclif/core/help';
export * as Args from '@oclif/core/args';
export * as Flags from '@oclif/core/flags';
export type { Hook, Interfaces } from '@oclif/core';
