// Looking for a secret everywhere datatrack could have left one (issue 7): git objects, commit
// messages, the reflog, tracked files, exports, what the commands printed, git's command lines.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { BIN, GIT_ENV, git, tempDir, type RunResult } from './cli.js';

/** The forms a password could leak in: as typed, URL-encoded (%20 or + for a space), base64. */
function leakForms(password: string): string[] {
  const encoded = encodeURIComponent(password);
  return [password, encoded, encoded.replace(/%20/g, '+'), Buffer.from(password).toString('base64')];
}

/** A PATH whose `git` appends its command line to `log` before running the real one. */
function loggingGitPath(log: string): string {
  const bin = join(tempDir(), 'bin');
  mkdirSync(bin);
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  return `${bin}:${process.env.PATH}`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === '.git' ? [] : filesUnder(path);
    return [path];
  });
}

/** Runs the CLI in one repository and keeps everything it printed, and every git command line. */
export class RecordingCli {
  readonly outputs: string[] = [];
  private readonly gitLog = join(tempDir(), 'git-argv.log');
  private readonly path = loggingGitPath(this.gitLog);

  constructor(readonly dir: string) {}

  run(args: string[], env: Record<string, string | undefined> = {}): RunResult {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: this.dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', PATH: this.path, ...env } });
    this.outputs.push(result.stdout, result.stderr);
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  }

  /**
   * Commits the work tree (so that tracked files are in git objects too), then asserts that no
   * form of any of `secrets` is in a git object, the reflog, a tracked file, an export, the output
   * of any command run, or a git command line.
   */
  assertNoLeak(secrets: string[]): void {
    git(this.dir, 'add', '-A');
    git(this.dir, 'commit', '--quiet', '--allow-empty', '-m', 'tracked files');
    const objects = execFileSync('git', ['cat-file', '--batch-all-objects', '--batch'], { cwd: this.dir, maxBuffer: 1 << 28 }).toString('latin1');
    const tracked = git(this.dir, 'ls-files').trim().split('\n').map((f) => readFileSync(join(this.dir, f), 'utf8')).join('\n');
    const haystacks = {
      'git objects': objects,
      reflog: git(this.dir, 'reflog', '--all'),
      'tracked files': tracked,
      exports: filesUnder(join(this.dir, '.databases')).map((f) => readFileSync(f, 'utf8')).join('\n'),
      'stdout/stderr': this.outputs.join('\n'),
      'git command lines': readFileSync(this.gitLog, 'utf8'),
    };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of secrets) {
        for (const form of leakForms(secret)) assert.not.ok(text.includes(form), `a password (${form === secret ? 'plain' : form}) appears in ${where}`);
        // git objects are read as bytes: look for the UTF-8 bytes of the password too
        assert.not.ok(Buffer.from(text, 'latin1').includes(Buffer.from(secret, 'utf8')), `a password's UTF-8 bytes appear in ${where}`);
      }
    }
  }
}
