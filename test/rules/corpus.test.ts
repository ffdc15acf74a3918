// lint and verify run through every schema of the shared corpus that this build and machine can
// load (the golden files pin Chinook, Sakila and Pagila; see golden.test.ts): every finding has the
// contract's shape and points at an object of the snapshot.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lint } from '../../src/api/lint.js';
import { verify } from '../../src/api/verify.js';
import { objectName } from '../../src/model/canonical.js';
import type { Snapshot } from '../../src/model/types.js';
import { SEVERITIES } from '../../src/rules/findings.js';
import { openRepository } from '../../src/store/repository.js';
import { writeSnapshot } from '../../src/store/write-snapshot.js';
import { newRepo } from '../helpers/cli.js';
import { corpusSnapshot, corpusSource, type CorpusSource } from '../helpers/corpus.js';

async function checkThrough(snapshot: Snapshot): Promise<void> {
  const dir = newRepo();
  await writeSnapshot({ repo: openRepository(dir), target: 'default', snapshot });
  const labels = new Set(snapshot.objects.map((o) => `${o.schema}.${objectName(o)}`));
  for (const result of [await lint({ cwd: dir }), await verify({ cwd: dir })]) {
    assert.is(result.checked.length, snapshot.objects.length);
    for (const f of result.findings) {
      assert.ok(SEVERITIES.includes(f.severity) && f.rule && f.kind && f.message && f.hint, JSON.stringify(f));
      assert.ok([...labels].some((l) => f.object === l || f.object.startsWith(`${l}.`)), f.object);
    }
  }
}

for (const [dialect, label] of [['postgres', 'PostgreSQL corpus'], ['mysql', 'MySQL corpus']] as const) {
  const source: CorpusSource | undefined = await corpusSource(dialect, label);
  for (const name of source?.names ?? ['(all)']) {
    (source ? test : test.skip)(`${label}: ${name} lints and verifies through`, async () => {
      await checkThrough(await corpusSnapshot(source!, name));
    });
  }
}

test.run();
