import { testConnection } from '../src/api/targets.js';
import { DatatrackCommand } from '../src/cli/base-command.js';

export default class TestConnection extends DatatrackCommand {
  static override description = 'Connect to a target and print its dialect and server version (exit 0, or 3 on failure).';

  async run(): Promise<{ target: string; dialect: string; server: string; warnings: string[] }> {
    const { flags } = await this.parse(TestConnection);
    const result = await testConnection({ cwd: process.cwd(), target: flags.target });
    this.warnAll(result.warnings);
    this.say(`${result.target}: ${result.dialect} ${this.safe(result.server)} — connection ok`);
    return result;
  }
}
