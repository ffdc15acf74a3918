// No password anywhere (issue 7), against a MariaDB user that really has one: given by URL (to
// connect), by DATATRACK_<TARGET>_URL and by MYSQL_PWD; through snapshot, diff, export, history
// and pipeline; and through failing paths with --debug (a wrong password, the database dropped
// after connect). The password is in no git object, reflog, tracked file, export or output.
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { newRepo, type RunResult } from '../helpers/cli.js';
import { RecordingCli } from '../helpers/leaks.js';
import { admin, freshDatabase, MYSQL_HOST, MYSQL_PORT, mysqlTest } from '../helpers/mysql.js';

const PASSWORD = 'M4r1aDB s3cret @:/%#?& pa$$  wörd';
const WRONG = 'Wr0ng guess @:/%#?& x';

function exits(expected: number, result: RunResult, what: string): void {
  assert.is(result.code, expected, `${what}: ${result.stderr}`);
}

mysqlTest('a MariaDB password with @:/%#?& and spaces, by URL or environment, leaks nowhere, error paths and --debug included', async () => {
  const db = await freshDatabase('secrets', 'CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200));');
  const user = `dt_s_${randomBytes(4).toString('hex')}`;
  const url = (password: string) => `mysql://${user}:${encodeURIComponent(password)}@${MYSQL_HOST}:${MYSQL_PORT}/${db}`;
  const root = await admin();
  await root.query("CREATE USER ?@'%' IDENTIFIED BY ?", [user, PASSWORD]);
  try {
    await root.query(`GRANT SELECT ON \`${db}\`.* TO ?@'%'`, [user]);
    const cli = new RecordingCli(newRepo());
    exits(0, cli.run(['init']), 'init');

    // By URL: connect keeps the password, in the secrets file only.
    exits(0, cli.run(['connect', url(PASSWORD), '--debug']), 'connect');
    exits(0, cli.run(['snapshot', '--debug']), 'snapshot');
    await root.query(`ALTER TABLE \`${db}\`.users ADD COLUMN name varchar(50)`);
    exits(0, cli.run(['snapshot', '-m', 'second']), 'second snapshot');
    for (const args of [['diff'], ['diff', '--live'], ['history'], ['show'], ['targets'], ['export'], ['export', '--type', 'diff', '--format', 'markdown'], ['test-connection', '--debug']]) {
      exits(0, cli.run(args), args.join(' '));
    }
    assert.ok(cli.run(['pipeline', 'run']).code <= 1, 'pipeline run: findings at most');

    // By environment: a URL for a target the config does not have, MYSQL_PWD for one without a password.
    exits(0, cli.run(['snapshot', '--target', 'fromenv', '--debug'], { DATATRACK_FROMENV_URL: url(PASSWORD) }), 'snapshot by DATATRACK_FROMENV_URL');
    exits(0, cli.run(['connect', `mysql://${user}@${MYSQL_HOST}:${MYSQL_PORT}/${db}`, '--name', 'pwdenv'], { MYSQL_PWD: PASSWORD }), 'connect by MYSQL_PWD');
    exits(0, cli.run(['snapshot', '--target', 'pwdenv', '--debug'], { MYSQL_PWD: PASSWORD }), 'snapshot by MYSQL_PWD');
    // A note that quotes the password (pasted by mistake, or "rotated to …"): the commit keeps it without.
    exits(0, cli.run(['snapshot', '--target', 'pwdenv', '--allow-empty', '-m', `rotated to ${PASSWORD}`], { MYSQL_PWD: PASSWORD }), 'a note with the password');
    exits(0, cli.run(['snapshot', '--allow-empty', '-m', `password: ${PASSWORD}`]), 'a note with the stored password');
    exits(0, cli.run(['snapshot', '--allow-empty', '-m', `pasted ${url(PASSWORD)} and ${encodeURIComponent(PASSWORD)}`]), 'a note with the password as a URL spells it');
    assert.ok(cli.run(['pipeline', 'run', '--all', '--debug'], { MYSQL_PWD: PASSWORD, DATATRACK_FROMENV_URL: url(PASSWORD) }).code <= 1, 'pipeline run --all');

    // Failing paths, with --debug stacks: a wrong password each way, then the database gone.
    exits(3, cli.run(['connect', url(WRONG), '--name', 'wrong', '--debug']), 'connect with a wrong password');
    exits(3, cli.run(['snapshot', '--target', 'fromenv', '--debug'], { DATATRACK_FROMENV_URL: url(WRONG) }), 'a wrong password by URL variable');
    exits(3, cli.run(['snapshot', '--target', 'pwdenv', '--debug'], { MYSQL_PWD: WRONG }), 'a wrong password by MYSQL_PWD');
    await root.query(`DROP DATABASE \`${db}\``);
    exits(3, cli.run(['snapshot', '--debug']), 'snapshot of a dropped database');
    exits(3, cli.run(['diff', '--live', '--debug']), 'diff --live of a dropped database');
    exits(3, cli.run(['pipeline', 'run', '--debug']), 'pipeline of a dropped database');
    exits(3, cli.run(['test-connection', '--debug', '--json']), 'test-connection to a dropped database');

    cli.assertNoLeak([PASSWORD, WRONG, encodeURIComponent(PASSWORD), encodeURIComponent(WRONG)]);
    const secrets = join(cli.dir, '.datatrack/secrets.yaml');
    assert.ok(readFileSync(secrets, 'utf8').includes('M4r1aDB s3cret'));
    assert.is(statSync(secrets).mode & 0o777, 0o600);
  } finally {
    await root.query("DROP USER IF EXISTS ?@'%'", [user]);
    await root.end();
  }
});

test.run();
