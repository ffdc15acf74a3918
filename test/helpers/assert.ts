import * as assert from 'uvu/assert';

/** Awaits `fn` and asserts it rejects with a message matching `pattern`; returns the error. */
export async function rejects(fn: () => Promise<unknown>, pattern: RegExp): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    // the message itself in the failure: a mismatch seen only under load is otherwise unexplained
    assert.match((error as Error).message, pattern, `expected a rejection matching ${pattern}, got: ${(error as Error).message}`);
    return error as Error;
  }
  assert.unreachable(`expected a rejection matching ${pattern}`);
  throw new Error('unreachable');
}
