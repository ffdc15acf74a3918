// A signal that came during synchronous work (a git child run with spawnSync) is taken at the next
// safe point, even from an I/O callback, whose setImmediate runs before the loop reads the signal.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/cli.js';

test('nextTurn lets a signal that came meanwhile be handled before the code after it runs', () => {
  const module = join(ROOT, 'dist', 'src', 'util', 'event-loop.js');
  const child = `
    import { spawnSync } from 'node:child_process';
    import { readFile } from 'node:fs';
    const { nextTurn } = await import(${JSON.stringify(module)});
    process.once('SIGTERM', () => { process.stdout.write('handled'); process.exit(143); });
    readFile(${JSON.stringify(module)}, async () => {
      spawnSync('sh', ['-c', 'kill -TERM ' + process.pid]);
      await nextTurn();
      process.stdout.write('went on');
    });
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' });
  assert.equal([result.status, result.stdout], [143, 'handled']);
});

test.run();
