// The YAML files people edit, as other platforms and editors save them: CRLF line ends and a UTF-8
// byte order mark read as LF files do (positions too); what would be misread is refused at its place.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorAt, readYamlFile } from '../../src/config/yaml-file.js';
import { tempDir } from '../helpers/cli.js';

const YAML = '# targets\nversion: 1\ntargets:\n  app: {dialect: sqlite, database: a.db}\n';

function read(content: string | Buffer) {
  const path = join(tempDir(), 'config.yaml');
  writeFileSync(path, content);
  return readYamlFile(path, 'config.yaml');
}

function refusal(content: string | Buffer): string {
  try {
    read(content);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
}

test('CRLF line ends and a UTF-8 byte order mark read as LF does, positions included', () => {
  const plain = read(YAML);
  for (const content of [YAML.replace(/\n/g, '\r\n'), `\uFEFF${YAML}`, `\uFEFF${YAML.replace(/\n/g, '\r\n')}`]) {
    const file = read(content);
    assert.equal(file.value, plain.value);
    assert.is(errorAt(file, ['version'], 'x', true).message, 'config.yaml:2:1: x');
    assert.is(errorAt(file, ['targets', 'app', 'dialect'], 'x').message, 'config.yaml:4:18: x');
  }
  assert.is(errorAt(read('\uFEFFversion: 1\n'), ['version'], 'x', true).message, 'config.yaml:1:1: x');
});

test('a lone carriage return, UTF-16, another encoding than UTF-8 and control characters are refused where they are', () => {
  const save = 'save it as UTF-8 (with LF or CRLF line endings)';
  // read as the parser reads it, every line after the first comment was part of it: no targets at all
  assert.is(refusal(YAML.replace(/\n/g, '\r')), `config.yaml:1:10: a carriage return without a line feed (an old Mac line ending), which is not read as a line break here; ${save}`);
  assert.is(refusal(YAML.replace('version: 1\n', 'version: 1\r')), `config.yaml:2:11: a carriage return without a line feed (an old Mac line ending), which is not read as a line break here; ${save}`);
  assert.is(refusal(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(YAML, 'utf16le')])), `config.yaml: it is saved as UTF-16; ${save}`);
  assert.is(refusal(Buffer.from(`${YAML}# café\n`, 'latin1')), `config.yaml:5:6: it is not UTF-8 text (another encoding, such as Latin-1 or Windows-1252); ${save}`);
  assert.is(refusal(`${YAML}\u001a`), 'config.yaml:5:1: a control character (U+001A) that YAML does not allow; remove it');
  assert.is(refusal(`version: 1\u0000\n`), 'config.yaml:1:11: a control character (U+0000) that YAML does not allow; remove it');
  // tabs stay the parser's to judge (allowed in values, refused as indentation)
  assert.equal(read('version:\t1\n').value, { version: 1 });
});

test.run();
