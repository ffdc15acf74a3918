// The output formats of lint and verify, by name.
import type { Style } from '../../cli/terminal.js';
import { toReport, type Report } from '../findings.js';
import { JsonList, jsonPieces } from '../../util/json-pieces.js';
import type { CheckResult } from './check-result.js';
import { renderGithub } from './github.js';
import { renderJunit } from './junit.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github', 'junit'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderOptions {
  paint: (style: Style, text: string) => string;
  toolVersion: string;
}

/** The report as `--json` and `--format json` write it: its findings one at a time (150,000 are ~45 MB of JSON). */
export const reportJson = (report: Report) => ({ ...report, findings: new JsonList(report.findings) });

/** The output in pieces: JSON and SARIF are made as they are written (150,000 findings are ~150 MB of SARIF). */
export function renderCheck(result: CheckResult, format: OutputFormat, options: RenderOptions): Iterable<string> {
  switch (format) {
    case 'text':
      return [renderText(result, options.paint)];
    case 'json':
      return jsonPieces(reportJson(toReport(result.findings)));
    case 'sarif':
      return renderSarif(result, options.toolVersion);
    case 'github':
      return [renderGithub(result)];
    case 'junit':
      return [renderJunit(result)];
  }
}
