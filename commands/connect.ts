import { Args, Flags } from '#oclif';
import { connect, type ConnectResult } from '../src/api/targets.js';
import { DatatrackCommand } from '../src/cli/base-command.js';
import { readPipedStdin } from '../src/cli/stdin.js';
import { UsageError } from '../src/errors.js';

/** The whole of a piped standard input, less one line break at its end: a password as `printf` or `echo` gives it. */
async function readPasswordFromStdin(): Promise<string> {
  const piped = await readPipedStdin();
  if (piped === undefined) {
    throw new UsageError('--password-stdin reads a pipe, not a terminal: `printf %s "$DB_PASSWORD" | datatrack connect <url> --password-stdin`', 'USAGE');
  }
  const password = piped.replace(/\r?\n$/, '');
  if (password === '') throw new UsageError('--password-stdin read no password: standard input was empty', 'USAGE');
  if (/[\r\n]/.test(password)) throw new UsageError('--password-stdin read more than one line; give the password alone', 'USAGE');
  return password;
}

export default class Connect extends DatatrackCommand {
  static override description = 'Test a database connection and save it as a target (a password goes to the git-ignored secrets file).';
  static override examples = [
    '<%= config.bin %> connect sqlite:///data/app.db',
    '<%= config.bin %> connect postgresql+psycopg2://app@db.internal:5432/app --name prod',
    '<%= config.bin %> connect mysql+pymysql://root@127.0.0.1:3306/shop --name shop',
    'printf %s "$DB_PASSWORD" | <%= config.bin %> connect postgresql://app@db.internal/app --name prod --password-stdin',
  ];
  static override args = { url: Args.string({ required: true, description: 'Connection URL (SQLAlchemy style) or a SQLite file path.' }) };
  static override flags = {
    name: Flags.string({ description: 'Target name (default: default; -t/--target says the same).', helpValue: 'NAME' }),
    force: Flags.boolean({ description: 'Replace an existing target of that name.' }),
    'password-stdin': Flags.boolean({ description: 'Read the password from standard input (a pipe), so that it stays out of the process list and the shell history.' }),
  };

  async run(): Promise<ConnectResult> {
    const { args, flags } = await this.parse(Connect);
    const password = flags['password-stdin'] ? await readPasswordFromStdin() : undefined;
    const result = await connect({ cwd: process.cwd(), url: args.url, name: this.namedTarget(flags), force: flags.force, password });
    this.warnAll(result.warnings);
    this.say(`saved target ${result.target}${result.default ? ' (the default target)' : ''}: ${this.safe(result.url)} — ${result.dialect} ${this.safe(result.server)}`);
    return result;
  }
}
