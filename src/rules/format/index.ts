// The output formats of lint and verify, by name.
import type { Style } from '../../cli/terminal.js';
import { toReport } from '../findings.js';
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

export function renderCheck(result: CheckResult, format: OutputFormat, options: RenderOptions): string {
  switch (format) {
    case 'text':
      return renderText(result, options.paint);
    case 'json':
      return JSON.stringify(toReport(result.findings), null, 2);
    case 'sarif':
      return renderSarif(result, options.toolVersion);
    case 'github':
      return renderGithub(result);
    case 'junit':
      return renderJunit(result);
  }
}
