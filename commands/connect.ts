import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { connect, type ConnectResult } from '../src/api/targets.js';
import { DatatrackCommand } from '../src/cli/base-command.js';

export default class Connect extends DatatrackCommand {
  static override description = 'Test a database connection and save it as a target (a password goes to the git-ignored secrets file).';
  static override examples = [
    '<%= config.bin %> connect sqlite:///data/app.db',
    '<%= config.bin %> connect postgresql+psycopg2://app@db.internal:5432/app --name prod',
    '<%= config.bin %> connect mysql+pymysql://root@127.0.0.1:3306/shop --name shop',
  ];
  static override args = { url: Args.string({ required: true, description: 'Connection URL (SQLAlchemy style) or a SQLite file path.' }) };
  static override flags = {
    name: Flags.string({ description: 'Target name (default: default; -t/--target says the same).', helpValue: 'NAME' }),
    force: Flags.boolean({ description: 'Replace an existing target of that name.' }),
  };

  async run(): Promise<ConnectResult> {
    const { args, flags } = await this.parse(Connect);
    const result = await connect({ cwd: process.cwd(), url: args.url, name: this.namedTarget(flags), force: flags.force });
    this.say(`saved target ${result.target}${result.default ? ' (the default target)' : ''}: ${this.safe(result.url)} — ${result.dialect} ${this.safe(result.server)}`);
    return result;
  }
}
