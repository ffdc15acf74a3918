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

test('a step or export named wrongly is named in the refusal, and one listed twice is refused', () => {
  assert.equal(settingsOf('pipeline:\n  steps: [snapshot, lint]\n').steps, ['snapshot', 'lint']);
  assert.is(refusal('pipeline:\n  steps: [snapshot, lnit]\n'), '.datatrack/config.yaml:2:21: pipeline.steps entry "lnit" is none of snapshot, lint, verify, diff, export');
  assert.is(refusal('pipeline:\n  export: [diff:markdown, diff:markdown]\n'), '.datatrack/config.yaml:2:27: pipeline.export lists "diff:markdown" twice; keep one');
  assert.is(refusal('pipeline:\n  steps: [lint, diff, lint]\n'), '.datatrack/config.yaml:2:23: pipeline.steps lists "lint" twice; keep one');
});

test.run();
