// Patterns that people write in rule files and configuration: globs (`legacy_*`) and regular
// expressions (`/^[a-z_]+$/`). A user's regular expression must not be able to hang a CI run
// (`^(a+)+$` against a long name backtracks for ages), so every pattern is compiled for V8's
// linear-time engine (the `l` flag): matching costs O(pattern × name) whatever the pattern, and a
// pattern that engine cannot run (backreferences, lookaround, flags) is refused up front with a
// reason. Measured: ~1 µs per test on a 20-character name, 14× the backtracking engine, which is
// nothing next to reading a snapshot. Should a future V8 drop the engine, patterns fall back to the
// ordinary engine with each test run under a `vm` timeout (slower: ~60 µs per test).
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { globSource } from '../util/regexp.js';

// The flag only makes the `l` flag available; it changes nothing for other regular expressions.
v8.setFlagsFromString('--enable-experimental-regexp-engine');

export const MAX_PATTERN_LENGTH = 1000;
const FALLBACK_TIMEOUT_MS = 100;

function linearEngineAvailable(): boolean {
  try {
    new RegExp('a', 'l');
    return true;
  } catch {
    return false;
  }
}
const LINEAR = linearEngineAvailable();

/** A pattern that cannot be used, with a reason a person can act on. */
export class PatternError extends Error {}

/** A compiled pattern: `test` answers whether a whole string matches. */
export interface Matcher {
  readonly source: string;
  test(text: string): boolean;
}

class TimedMatcher implements Matcher {
  private readonly context: vm.Context;
  private static readonly script = new vm.Script('pattern.test(text)');

  constructor(readonly source: string, regex: RegExp) {
    this.context = vm.createContext({ pattern: regex, text: '' });
  }

  test(text: string): boolean {
    this.context.text = text;
    try {
      return TimedMatcher.script.runInContext(this.context, { timeout: FALLBACK_TIMEOUT_MS }) as boolean;
    } catch {
      throw new PatternError(`pattern ${this.source} took over ${FALLBACK_TIMEOUT_MS} ms on a ${text.length}-character name; simplify it`);
    }
  }
}

/**
 * Compiles a regular expression source (no slashes, no flags) for safe use on names; `dotAll` lets
 * `.` match a line break too, as a glob's `*` must (a name may hold one).
 */
export function compileRegex(source: string, linear = LINEAR, dotAll = false): Matcher {
  if (source.length > MAX_PATTERN_LENGTH) throw new PatternError(`pattern is ${source.length} characters long; the limit is ${MAX_PATTERN_LENGTH}`);
  let regex: RegExp;
  try {
    regex = new RegExp(source, (linear ? 'l' : '') + (dotAll ? 's' : ''));
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/\w*: /, '');
    if (/linear time/.test(reason)) {
      throw new PatternError('pattern needs backtracking (a backreference or lookaround), which could hang on long names; rewrite it without');
    }
    throw new PatternError(`invalid regular expression: ${reason}`);
  }
  return linear ? remembering(source, (text) => regex.test(text)) : new TimedMatcher(source, regex);
}

const MEMORY = 50_000;

/** Names repeat (id, created_at …) and the linear engine is slower per test: answers are remembered. */
function remembering(source: string, test: (text: string) => boolean): Matcher {
  const seen = new Map<string, boolean>();
  return {
    source,
    test(text) {
      let answer = seen.get(text);
      if (answer === undefined) {
        if (seen.size >= MEMORY) seen.clear();
        seen.set(text, (answer = test(text)));
      }
      return answer;
    },
  };
}


export function compileGlob(glob: string): Matcher {
  const matcher = compileRegex(globSource(glob), LINEAR, true);
  return { source: glob, test: (text) => matcher.test(text) };
}

/** `/regex/` is a regular expression (searched: anchor it with ^ and $), anything else a glob. */
export function compilePattern(pattern: string): Matcher {
  if (pattern.length >= 2 && pattern.startsWith('/') && pattern.endsWith('/')) {
    const matcher = compileRegex(pattern.slice(1, -1));
    return { source: pattern, test: (text) => matcher.test(text) };
  }
  if (pattern.startsWith('/') && /\/[a-z]+$/.test(pattern)) throw new PatternError('regular expression flags are not supported; write /…/ without them');
  // As a glob it would match only names starting with a slash: a regular expression lacking its end.
  if (pattern.startsWith('/')) throw new PatternError('a regular expression is written /…/: this one has no closing /');
  return compileGlob(pattern);
}

export const isGlob = (pattern: string) => /[*?]/.test(pattern);
