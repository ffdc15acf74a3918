import { Flags } from '#oclif';
import { explainRule, listRules, type RuleInfo } from '../src/api/rules.js';
import { DatatrackCommand } from '../src/cli/base-command.js';

export default class Rules extends DatatrackCommand {
  static override baseFlags = DatatrackCommand.targetlessBaseFlags;
  static override description = 'List the rules of lint and verify with their default severity; --explain one rule.';
  static override examples = ['<%= config.bin %> rules', '<%= config.bin %> rules --explain structure-fk-not-indexed'];
  static override flags = { explain: Flags.string({ description: 'Show the documentation of one rule, with a bad and a good example.', helpValue: 'RULE' }) };

  async run(): Promise<RuleInfo[] | RuleInfo> {
    const { flags } = await this.parse(Rules);
    this.refuseTarget(flags, 'lists the rules, the same for every target');
    if (flags.explain !== undefined) {
      const rule = explainRule(flags.explain);
      this.say(`${this.painter.paint('bold', rule.id)}  (${rule.command}, ${rule.family}, default ${rule.level})`);
      this.say(`\n${rule.summary}\n\n${rule.description}`);
      for (const [name, option] of Object.entries(rule.options ?? {})) {
        this.say(`\nOption ${name}: ${option.description} (default ${Array.isArray(option.default) ? option.default.join(', ') : option.default})`);
      }
      this.say(`\n${this.painter.paint('red', 'Bad:')}\n${indent(rule.examples.bad)}\n\n${this.painter.paint('green', 'Good:')}\n${indent(rule.examples.good)}`);
      this.say(`\nFix: ${rule.hint}`);
      return rule;
    }
    const rules = listRules();
    const width = Math.max(...rules.map((r) => r.id.length));
    let group = '';
    for (const rule of rules) {
      const heading = rule.command === 'lint' ? `lint: ${rule.family}` : 'verify: schema_rules.yaml (rules:)';
      if (heading !== group) this.say(`${group ? '\n' : ''}${this.painter.paint('bold', heading)}`);
      group = heading;
      this.say(`  ${rule.id.padEnd(width)}  ${rule.level.padEnd(7)}  ${rule.summary}`);
    }
    return rules;
  }
}

const indent = (text: string) => text.replace(/^/gm, '  ');
