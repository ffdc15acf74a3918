// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, the rules that ran with
// their help text, and one result per finding located at the object's file in the snapshot tree
// (and, for verify, related to the rule's line in schema_rules.yaml).
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findingName, type Level, type Severity } from '../findings.js';
import type { RuleDoc } from '../rule.js';
import { JsonList, jsonPieces } from '../../util/json-pieces.js';
import type { CheckResult } from './check-result.js';

const SARIF_LEVEL: Record<Level, string> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };

function ruleDescriptor(rule: RuleDoc) {
  const { description, examples } = rule;
  // House rules of schema_rules.yaml come without examples: no empty Bad and Good blocks for them.
  const shown = examples.bad !== '' || examples.good !== '';
  return {
    id: rule.id,
    name: rule.id.replace(/(^|[-_.])([a-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.summary },
    fullDescription: { text: description },
    help: {
      text: `${description}${shown ? `\n\nBad:\n${examples.bad}\n\nGood:\n${examples.good}` : ''}\n\nFix: ${rule.hint}`,
      markdown: `${description}${shown ? `\n\n**Bad**\n\n\`\`\`sql\n${examples.bad}\n\`\`\`\n\n**Good**\n\n\`\`\`sql\n${examples.good}\n\`\`\`` : ''}\n\n**Fix:** ${rule.hint}`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[rule.level], enabled: rule.level !== 'off' },
    properties: { tags: [rule.family] },
  };
}

/**
 * A relative path as a URI reference (tree paths may hold `%`, spaces or non-ASCII names), read
 * against the checkout's root; an absolute one (a rules file outside the work tree) as a file: URI.
 */
const uri = (path: string) => (isAbsolute(path) ? pathToFileURL(path).href : path.split('/').map(encodeURIComponent).join('/'));

/**
 * A plain-text SARIF message with every `[`, `]` and backslash escaped (SARIF 2.1.0 §3.11.6): a name
 * spelling `[text](https://…)` would otherwise be an embedded link viewers render, its target hidden.
 */
const messageText = (text: string) => text.replace(/[[\]\\]/g, '\\$&');

const fingerprint = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

/** One result per finding, each made as it is written. */
function* results(result: CheckResult, index: Map<string, number>) {
  for (const f of result.findings) {
    const ruleLocation = f.location.rule;
    yield {
      ruleId: f.rule,
      ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
      level: SARIF_LEVEL[f.severity satisfies Severity],
      message: { text: messageText(`${findingName(f)}: ${f.message}. ${f.hint}`) },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: uri(f.location.file) }, region: { startLine: result.lineOf(f.location) } },
          logicalLocations: [{ fullyQualifiedName: f.object, kind: f.kind }],
        },
      ],
      ...(ruleLocation
        ? {
            relatedLocations: [
              {
                id: 1,
                physicalLocation: { artifactLocation: { uri: uri(ruleLocation.file) }, region: { startLine: ruleLocation.line, startColumn: ruleLocation.column } },
                message: { text: `rule ${f.rule} is defined here` },
              },
            ],
          }
        : {}),
      partialFingerprints: { 'datatrackFinding/v1': fingerprint(f.rule, f.object, f.message) },
      properties: { hint: f.hint },
    };
  }
}

/** The SARIF document, indented, in pieces: 150,000 results are ~150 MB of it. */
export function renderSarif(result: CheckResult, toolVersion: string): Iterable<string> {
  const rules = result.rules.map(ruleDescriptor);
  const index = new Map(result.rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'datatrack', semanticVersion: toolVersion, version: toolVersion, rules } },
        automationDetails: { id: `datatrack/${result.command}/${result.target ?? result.commit}/` },
        results: new JsonList(results(result, index)),
        properties: { commit: result.commit, target: result.target, dialect: result.dialect, summary: result.summary },
      },
    ],
  };
  return jsonPieces(sarif);
}
