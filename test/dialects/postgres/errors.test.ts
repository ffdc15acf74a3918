// What a failed catalog read says: the server's SQLSTATE and words decide which advice is right.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_TIMEOUTS } from '../../../src/config/targets.js';
import { readError } from '../../../src/dialects/postgres/errors.js';

const failure = (code: string, message: string) => Object.assign(new Error(message), { code });

test('a cancel is told from a statement timeout by the server\'s words; a lock wait names only granted holders', () => {
  const cancelled = readError(failure('57014', 'canceling statement due to user request'), 'pg@db/app', DEFAULT_TIMEOUTS);
  assert.equal([cancelled.code, cancelled.message], ['DB_CANCELLED', 'a catalog query on pg@db/app was cancelled by another session (pg_cancel_backend?): canceling statement due to user request; nothing was written']);
  const timedOut = readError(failure('57014', 'canceling statement due to statement timeout'), 'pg@db/app', DEFAULT_TIMEOUTS);
  assert.equal(timedOut.code, 'DB_TIMEOUT');
  assert.match(timedOut.message, /ran longer than the statement timeout \(60 s\), or waited that long for a lock; raise statement_timeout/);
  const locked = readError(failure('55P03', 'canceling statement due to lock timeout'), 'pg@db/app', DEFAULT_TIMEOUTS, ['app.orders']);
  assert.match(locked.message, /waited longer than the lock timeout \(5 s\): app\.orders is locked by another session/);
});

test.run();
