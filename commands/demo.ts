import { DatatrackCommand } from '../src/cli/base-command.js';
import { runDemo } from '../src/demo/run-demo.js';
import { DatatrackError } from '../src/errors.js';

export default class Demo extends DatatrackCommand {
  static override baseFlags = DatatrackCommand.targetlessBaseFlags;
  static override description = 'Run the main job end to end on a bundled sample SQLite database in a scratch git repository.';
  static override enableJsonFlag = false;

  async run(): Promise<void> {
    const { flags } = await this.parse(Demo);
    this.refuseTarget(flags, 'runs on its own sample database');
    const result = runDemo((text) => process.stdout.write(text));
    if (result.failed) throw new DatatrackError(`demo failed: ${result.failed}`, 'DEMO_FAILED', 1);
  }
}
