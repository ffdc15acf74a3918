// The pipeline: section of config.yaml: which steps and exports run, refused by place when mistaken.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readYamlFile } from '../../src/config/yaml-file.js';
import { pipelineSettings } from '../../src/pipeline/settings.js';

function settingsOf(yaml: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'dt-pipeline-settings-')), 'config.yaml');
  writeFileSync(path, yaml);
  const file = readYamlFile(path, '.datatrack/config.yaml');
  return pipelineSettings((file.value as { pipeline?: unknown }).pipeline, file);
}

const refusal = (yaml: string) => {
  try {
    settingsOf(yaml);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
};

test('a step or export named wrongly is named in the refusal', () => {
  assert.equal(settingsOf('pipeline:\n  steps: [snapshot, lint]\n').steps, ['snapshot', 'lint']);
  assert.is(refusal('pipeline:\n  steps: [snapshot, lnit]\n'), '.datatrack/config.yaml:2:21: pipeline.steps entry "lnit" is none of snapshot, lint, verify, diff, export');
  // Twice runs, or writes, once (api/pipeline.test.ts): no mistake to refuse.
  assert.equal(settingsOf('pipeline:\n  export: [diff:markdown, diff:markdown]\n').exports, ['diff:markdown', 'diff:markdown']);
});

test.run();
