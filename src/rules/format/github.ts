// GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…,title=…::message`
// line per finding and nothing else on stdout. Verify findings point at the rule's line in
// schema_rules.yaml (a file of the checkout, so GitHub shows them inline); lint findings at the
// object's file in the snapshot tree.
import { printable } from '../../util/printable.js';
import { findingName, type Severity } from '../findings.js';
import type { CheckResult } from './check-result.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

// Names come from the database: control, ANSI and bidi characters become visible \uXXXX first, as
// in every human output (the Actions log renders ANSI colours), line breaks included, so none is
// left for a %0D/%0A. Then as @actions/core escapes them: message data, and property values
// (which also may not hold : or ,).
const escapeData = (text: string) => printable(text).replace(/%/g, '%25');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function renderGithub(result: CheckResult): string {
  return result.findings
    .map((f) => {
      const where = f.location.rule ?? { file: f.location.file, line: result.lineOf(f.location), column: undefined };
      const properties = [`file=${escapeProperty(where.file)}`, `line=${where.line}`, ...(where.column ? [`col=${where.column}`] : []), `title=${escapeProperty(`${f.rule} ${findingName(f)}`)}`];
      return `::${COMMAND[f.severity]} ${properties.join(',')}::${escapeData(`${findingName(f)}: ${f.message} (${f.hint})`)}`;
    })
    .join('\n');
}
