// JUnit XML (verify --format junit): a well-formed document with one test case per object checked;
// an object with an error or warning fails (the worst severity as the failure type, every such
// finding in its text), info findings go to system-out, and the counts agree with the cases.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../../helpers/cli.js';
import { repoWithSnapshot, table } from '../../helpers/snapshots.js';
import { parseXml, type XmlElement } from '../../helpers/xml.js';

const keyed = { primary_key: { columns: ['id'] } };

let dir: string;
test.before(async () => {
  dir = await repoWithSnapshot([
    // errors: a PascalCase table, and a column whose name needs escaping in XML
    table('Customer', ['id bigint', 'a<b&"c" text'], { ...keyed, comment: 'Customers' }),
    // a warning only: too many columns for the house rule
    table('ledger', ['id bigint', 'amount numeric', 'booked date'], { ...keyed, comment: 'Ledger' }),
    // info only: no comment
    table('notes', ['id bigint'], keyed),
    // nothing to find
    table('tag', ['id bigint'], { ...keyed, comment: 'Tags' }),
  ]);
  writeFileSync(
    join(dir, 'schema_rules.yaml'),
    'rules:\n  enforce_snake_case: true\nhouse_rules:\n' +
      '  - {id: narrow, severity: warning, select: {kind: table}, assert: {max_columns: 2}}\n' +
      '  - {id: documented, severity: info, select: {kind: table}, assert: {comment: true}}\n',
  );
});

const cases = (suite: XmlElement) => new Map(suite.children.map((c) => [c.attributes.name!, c]));

test('verify --format junit is well-formed XML with one test case per object', () => {
  const result = run(['verify', '--format', 'junit'], dir);
  assert.is(result.code, 1, result.stderr); // the snake_case findings are errors
  const root = parseXml(result.stdout);
  assert.is(root.name, 'testsuites');
  assert.is(root.children.length, 1);
  const suite = root.children[0]!;
  assert.is(suite.name, 'testsuite');
  assert.is(suite.attributes.name, 'datatrack verify default');
  assert.equal([...cases(suite).keys()], ['public.Customer', 'public.ledger', 'public.notes', 'public.tag']);
  for (const testcase of suite.children) {
    assert.is(testcase.name, 'testcase');
    assert.is(testcase.attributes.classname, 'datatrack verify');
  }
  const failures = suite.children.filter((c) => c.children.some((x) => x.name === 'failure')).length;
  for (const element of [root, suite]) {
    assert.equal(
      [element.attributes.tests, element.attributes.failures, element.attributes.errors, element.attributes.skipped],
      [String(suite.children.length), String(failures), '0', '0'],
    );
  }
});

test('errors and warnings fail their object; info goes to system-out; names survive escaping', () => {
  const suite = parseXml(run(['verify', '--format', 'junit'], dir).stdout).children[0]!;
  const byName = cases(suite);
  const customer = byName.get('public.Customer')!;
  assert.equal(customer.children.map((c) => c.name), ['failure']);
  const failure = customer.children[0]!;
  assert.is(failure.attributes.type, 'error');
  assert.is(failure.attributes.message, '2 findings: table name "Customer" is not snake_case');
  assert.equal(failure.text.split('\n'), [
    'error enforce_snake_case public.Customer: table name "Customer" is not snake_case (rename it in snake_case)',
    // a name holding a double quote is quoted where names are joined with dots
    'error enforce_snake_case public.Customer."a<b&""c""": column name "a<b&\\"c\\"" is not snake_case (rename it in snake_case)',
  ]);
  const ledger = byName.get('public.ledger')!;
  assert.equal(ledger.children.map((c) => [c.name, c.attributes.type]), [['failure', 'warning']]);
  assert.match(ledger.children[0]!.text, /^warning narrow public\.ledger: table "ledger" has 3 columns; the limit is 2/);
  const notes = byName.get('public.notes')!;
  assert.equal(notes.children.map((c) => c.name), ['system-out']);
  assert.match(notes.children[0]!.text, /^info documented public\.notes: table "notes" has no comment/);
  assert.equal(byName.get('public.tag')!.children, []);
});

test('objects whose schema.name reads alike (s."x.y" and "s.x".y, a MariaDB table and event of one name) are test cases apart', async () => {
  const dotted = await repoWithSnapshot([table('x.y', ['id bigint'], keyed, 's'), table('y', ['id bigint'], keyed, 's.x')]);
  const cases = parseXml(run(['lint', '--format', 'junit'], dotted).stdout).children[0]!;
  assert.equal(cases.children.map((c) => c.attributes.name).sort(), ['"s.x".y', 's."x.y"']);
  assert.is(cases.attributes.tests, '2');
  const shared = await repoWithSnapshot([table('orders', ['id bigint'], keyed, 'shop'), { kind: 'event', schema: 'shop', name: 'orders', schedule: 'EVERY 1 DAY', definition: 'DELETE FROM orders' }], 'mysql');
  assert.is(parseXml(run(['lint', '--format', 'junit'], shared).stdout).children[0]!.attributes.tests, '2');
});

test('the XML reader refuses what is not well-formed, so the checks above have teeth', () => {
  const prolog = '<?xml version="1.0" encoding="UTF-8"?>\n';
  for (const bad of ['<a>x < y</a>', '<a>AT&T</a>', '<a b="&nbsp;"/>', '<a b="1" b="2"/>', '<a><b></a></b>', '<a>', '<a/><b/>', 'x<a/>', '<a>\u0001</a>']) {
    assert.throws(() => parseXml(prolog + bad), /not well-formed XML/, bad);
  }
  assert.equal(parseXml(`${prolog}<a b="&lt;&quot;"><c/>x &amp; y</a>`), { name: 'a', attributes: { b: '<"' }, children: [{ name: 'c', attributes: {}, children: [], text: '' }], text: 'x & y' });
});

test.run();
