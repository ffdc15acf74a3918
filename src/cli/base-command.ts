// The base of every command: the common flags of DESIGN §3, and the one place where errors
// become a one-line message (or JSON) and an exit code. Stack traces only with --debug.
import { format } from 'node:util';
import { Command, Flags, type Interfaces } from '#oclif';
import { DatatrackError, EXIT, UsageError, withSystemErrorFix, type ErrorReport } from '../errors.js';
import { redactUrl } from '../util/redact.js';
import { jsonPieces } from '../util/json-pieces.js';
import { nextTurn } from '../util/event-loop.js';
import { closest } from '../util/suggest.js';
import { dropEarlyInterruptHandlers, interruptReport } from '#early-interrupt';
import { extraArgument } from './extra-argument.js';
import { clearProgress } from './progress.js';
import { stdoutFailed, writePieces } from './stdout.js';
import { colorEnabled, Painter, printable } from './terminal.js';

/** A stack keeps its lines; a message inside it may quote a database name, which is made safe. */
const printableLines = (text: string) => text.split('\n').map(printable).join('\n');

/**
 * oclif's parse errors put the reason on the lines after a heading ("Parsing --max" /
 * "Expected an integer …"): one line keeps them all.
 */
function usageLine(message: string): string {
  const lines = message
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((line) => line && !/^See more help with/.test(line))
    // oclif's `exclusive` names the value it parsed, not what was typed (`--name-only=true`).
    .map((line) => line.replace(/^--([\w-]+)=.* cannot also be provided when using --([\w-]+)$/, '--$2 and --$1 cannot be given together: give one of them'));
  // oclif's header over the flag conflicts it found says nothing itself: the conflicts are the message.
  if (/^The following errors? occurred:$/.test(lines[0] ?? '')) return `${lines.slice(1).join('; ')} (see --help)`;
  // "Missing 1 required arg:" over `name  (a|b) description` lines: each argument said in a sentence.
  if (/^Missing \d+ required args?:$/.test(lines[0] ?? '')) return `${lines.slice(1).map(missingArgument).join('; ')} (see --help)`;
  const joined = lines.reduce((text, line) => (text === '' ? line : `${text}${text.endsWith(':') ? ' ' : ': '}${line}`), '');
  return `${joined} (see --help)`;
}

/** One argument oclif found missing, from its help line (`hook (pre-commit|pre-push) The git hook being run.`). */
function missingArgument(line: string): string {
  const [, name, options, description] = /^(\S+)(?: \(([^)]*)\))?(?: (.*))?$/.exec(line)!;
  const what = options ? `one of ${options.split('|').join(', ')}` : (description ?? '').replace(/\.$/, '');
  return `missing the ${name} argument${what ? `: ${what}` : ''}`;
}

/** A flag as one types it: `--name`, `--no-name` where that is allowed, `-c`; hidden ones are not offered. */
function flagSpellings(flags: Record<string, { char?: string; allowNo?: boolean; hidden?: boolean }>): string[] {
  return Object.entries(flags)
    .filter(([, flag]) => !flag.hidden)
    .flatMap(([name, flag]) => [`--${name}`, ...(flag.allowNo ? [`--no-${name}`] : []), ...(flag.char ? [`-${flag.char}`] : [])]);
}

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof DatatrackCommand)['baseFlags'] & T['flags']>;

export abstract class DatatrackCommand extends Command {
  static override enableJsonFlag = true;
  /** Whether `--format json` is this command's report as --json is (lint, verify, diff): its errors are JSON then too. */
  static formatJsonIsReport = false;

  static override baseFlags = {
    target: Flags.string({ char: 't', description: 'Target (named database connection); default: the configured default.', helpGroup: 'GLOBAL', helpValue: 'NAME' }),
    debug: Flags.boolean({ description: 'Show stack traces on errors.', helpGroup: 'GLOBAL' }),
    color: Flags.boolean({ description: 'Colour human output (only on a terminal; NO_COLOR is respected).', allowNo: true, default: true, helpGroup: 'GLOBAL' }),
  };

  /**
   * The base flags of a command that takes no target: -t stays accepted, so that refuseTarget can
   * say why it is wrong, but is left out of the help.
   */
  static readonly targetlessBaseFlags = {
    ...DatatrackCommand.baseFlags,
    target: Flags.string({ char: 't', description: 'This command takes no target.', helpGroup: 'GLOBAL', hidden: true }),
  };

  protected painter = new Painter(false);

  override async init(): Promise<void> {
    await super.init();
    this.painter = new Painter(colorEnabled(process.stdout, !this.argv.includes('--no-color')));
    // oclif rethrows every stdout error but EPIPE (a reader that went away, as `| head`): an uncaught
    // exception with a stack for a full disk. One line instead, with the storage exit code.
    process.stdout.removeAllListeners('error');
    process.stdout.on('error', stdoutFailed);
    // Node's default for these signals ends the process wherever it is, possibly between a
    // temporary file's write and its rename. Handled, a signal is taken between event-loop turns,
    // when every write-then-rename (all synchronous) is done or not begun: nothing is left
    // half-written, and the exit status is the shell's 128 + signal number all the same.
    // Under --json it is said as any error is, so that a reader of stdout gets a document, not nothing.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        const { message, exitCode } = interruptReport(signal);
        clearProgress();
        if (!this.wantsJson()) process.stderr.write(`datatrack: ${message}\n`);
        else if (!this.jsonWritten) this.logJson({ error: { code: 'INTERRUPTED', message, exitCode } });
        process.exit(exitCode);
      });
    }
    // Only now: with no listener left for a moment, Node stops watching the signal, and one that
    // arrived but was not dispatched yet is dropped (the snapshot then ran on and committed).
    dropEarlyInterruptHandlers();
  }

  /** Whether this command's document went to stdout already (a signal then adds none); a logJson of its own sets it too. */
  protected jsonWritten = false;

  // oclif's own log and logJson go through console.log, which drops write errors (a full disk left
  // a document cut short, exit 0), and logJson colours JSON with a regular expression that overflows
  // the stack on a string of megabytes (a large routine body): written as they are instead.
  override logJson(json: unknown): void {
    this.jsonWritten = true;
    writePieces(jsonPieces(json));
  }

  override log(message = '', ...args: unknown[]): void {
    if (!this.jsonEnabled()) process.stdout.write(`${format(message, ...args)}\n`);
  }

  /** --json, or `--format json` where that is the command's report: errors are JSON on stdout then. */
  private wantsJson(): boolean {
    const ctor = this.constructor as typeof DatatrackCommand;
    // As oclif takes the flag: --format json, --format=json, and by its letter -f json, -fjson, -f=json.
    const char = (ctor.flags as Record<string, { char?: string }> | undefined)?.format?.char;
    const names = ['--format', ...(char ? [`-${char}`] : [])];
    const jsonFormat = ctor.formatJsonIsReport && this.argv.some((arg, i) => names.some((name) => arg === `${name}=json` || (arg === name && this.argv[i + 1] === 'json') || (name.length === 2 && arg === `${name}json`)));
    return this.jsonEnabled() || jsonFormat;
  }

  /**
   * oclif reads standard input for an argument left out whenever stdin is no terminal: `cmd |
   * datatrack diff` took cmd's output for a revision, `… | datatrack connect` for the URL, and a
   * hook's stdin (the refs git pushes) was eaten as its argument. Arguments come from the command
   * line only; the commands that read stdin say so with a flag. (The type bounds are oclif's
   * FlagOutput and ArgOutput, which its package does not export.)
   */
  protected override parse<F extends Record<string, any>, B extends Record<string, any>, A extends Record<string, any>>(
    options?: Interfaces.Input<F, B, A>,
    argv?: string[],
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    // Without options oclif parses by the command's class, as every command passes it anyway.
    const input = options ?? (this.ctor as unknown as Interfaces.Input<F, B, A>);
    refuseValuedSwitches(argv ?? this.argv, { ...input.baseFlags, ...input.flags }, (input as { enableJsonFlag?: boolean }).enableJsonFlag === true);
    if (!input.args) return super.parse(input, argv);
    const args = Object.fromEntries(Object.entries(input.args).map(([name, arg]) => [name, { ...arg, ignoreStdin: true }])) as typeof input.args;
    // The input is the command class, which oclif spreads, reading the flags it inherits by name.
    const { flags, baseFlags, enableJsonFlag } = input as typeof input & { enableJsonFlag?: boolean };
    return super.parse({ ...input, flags, baseFlags, enableJsonFlag, args } as typeof input, argv);
  }

  /** Writes human output (never under --json). */
  protected say(text = ''): void {
    if (!this.jsonEnabled()) this.log(text);
  }

  /** Database-sourced text, made safe for a terminal. */
  protected safe(text: string): string {
    return printable(text);
  }

  /** Warnings go to stderr, so stdout stays clean for pipes and --json. */
  protected warnAll(warnings: string[]): void {
    for (const warning of warnings) process.stderr.write(`warning: ${printable(redactUrl(warning))}\n`);
  }

  /** `--json` and a `--format` other than text or json ask for two outputs on stdout. */
  protected refuseJsonWith(format: string | undefined): void {
    if (this.jsonEnabled() && format !== undefined && format !== 'text' && format !== 'json') {
      throw new UsageError(`--json and --format ${format} ask for two outputs; give one`, 'USAGE');
    }
  }

  /**
   * Every command accepts -t (DESIGN §3), but one that works on the repository as a whole must not
   * look as if it had done its work for one target only.
   */
  protected refuseTarget(flags: { target?: string }, what: string): void {
    if (flags.target !== undefined) throw new UsageError(`${this.id?.replace(/:/g, ' ') ?? 'this command'} takes no target (it ${what}); leave out -t ${flags.target}`, 'USAGE');
  }

  /** The target `--name` and `-t` name (they say the same, and must not name two). */
  protected namedTarget(flags: { name?: string; target?: string }): string | undefined {
    if (flags.name !== undefined && flags.target !== undefined && flags.name !== flags.target) {
      throw new UsageError(`--name ${flags.name} and --target ${flags.target} name different targets; give one`, 'USAGE');
    }
    return flags.name ?? flags.target;
  }

  /**
   * One item of a run that carries on past failures (a target, a ref) failed: its one line goes to
   * stderr in both modes (--json lists it in its place), and the exit code becomes the worst seen.
   */
  protected reportFailure(subject: string, error: ErrorReport): void {
    process.stderr.write(`datatrack: ${printable(subject)}: ${printable(error.message)}\n`);
    process.exitCode = Math.max(Number(process.exitCode ?? 0), error.exitCode);
  }

  /**
   * "Nonexistent flag: --alow-empty" with the flag probably meant (`--allow-empty`), before the "(see --help)".
   * `--format json` on a command without --format (history, show, snapshot) is other tools' way to ask for --json.
   */
  private withFlagSuggestion(message: string, typed: string): string {
    const ctor = this.constructor as typeof DatatrackCommand;
    const known = flagSpellings({ ...ctor.baseFlags, ...ctor.flags, ...(ctor.enableJsonFlag ? { json: {} } : {}) });
    const spelled = typed.split('=')[0]!;
    // Any one letter is one edit from any other: an unknown `-v` is the one long flag of its letter (--verbose), or nothing.
    const letter = /^-([^-])$/.exec(spelled)?.[1];
    const longOfLetter = known.filter((flag) => flag.startsWith(`--${letter}`) && !flag.startsWith('--no-'));
    // A format asked for where --json is the only one (`history -f json`, `--format`).
    const jsonMeant = known.includes('--json') && (letter === 'f' || closest(spelled, ['--format']) !== undefined) ? '--json' : undefined;
    const meant = letter !== undefined ? (longOfLetter.length === 1 ? longOfLetter[0] : jsonMeant) : (closest(spelled, known) ?? jsonMeant);
    return meant === undefined ? message : message.replace(/ \(see --help\)$/, `; did you mean ${meant}? (see --help)`);
  }

  /** A signal that came during the command's last synchronous stretch is taken before it ends with success. */
  override async finally(error: Error | undefined): Promise<unknown> {
    await nextTurn();
    return super.finally(error);
  }

  override async catch(error: Error & { oclif?: { exit?: number }; code?: string }): Promise<never> {
    const debug = this.argv.includes('--debug');
    let exitCode: number;
    let code: string;
    if (error instanceof DatatrackError) {
      exitCode = error.exitCode;
      code = error.code;
    } else if (error.oclif?.exit !== undefined) {
      // flag and argument parsing errors from oclif
      exitCode = error.oclif.exit === 1 ? EXIT.usage : error.oclif.exit;
      code = 'USAGE';
    } else {
      const system = typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code);
      exitCode = system ? EXIT.storage : EXIT.internal;
      code = error.code ?? 'INTERNAL';
    }
    // oclif prefixes "Parsing --flag" (and a line break) to what a flag's own parser threw.
    const fromOclif = (error.oclif?.exit !== undefined && !(error instanceof DatatrackError)) || /^Parsing --\S+ \n/.test(error.message);
    // Ours are one line already, save for what they quote (a path or a name given with a line
    // break, which printable shows as \u000a); of others the first line says what went wrong.
    const text = error.message || String(error);
    let given = fromOclif ? usageLine(error.message) : error instanceof DatatrackError ? text : text.split('\n')[0]!.replace(/^Error: /, '');
    const unknownFlags = (error as { flags?: unknown }).flags;
    if (fromOclif && Array.isArray(unknownFlags)) given = this.withFlagSuggestion(given, String(unknownFlags[0]));
    // oclif's "Unexpected argument: …" (a word holding `?`, a command that takes some), said as the
    // command-not-found hook says it of other words.
    const extra = (error as { args?: unknown }).args;
    if (fromOclif && /^Unexpected arguments?: /.test(error.message) && Array.isArray(extra) && extra.length > 0) {
      const ctor = this.constructor as typeof DatatrackCommand;
      const flags = { ...ctor.baseFlags, ...ctor.flags } as Record<string, { type: string; char?: string }>;
      const valued = new Set(Object.entries(flags).filter(([, f]) => f.type === 'option').flatMap(([name, f]) => [`--${name}`, ...(f.char ? [`-${f.char}`] : [])]));
      const first = this.argv.find((word, i) => !word.startsWith('-') && !valued.has(this.argv[i - 1] ?? ''));
      given = extraArgument(this.id?.replace(/:/g, ' ') ?? 'this command', String(extra[0]), Object.keys(ctor.args ?? {}).length, (ctor.baseFlags as Record<string, { hidden?: boolean }>).target?.hidden !== true, first);
    }
    // Started in a directory removed meanwhile: Node cannot name the working directory at all.
    if (code === 'ENOENT' && / uv_cwd$/.test(given)) given = 'the current directory no longer exists; cd to an existing one and run it again';
    given = withSystemErrorFix(given, code);
    if (exitCode === EXIT.internal && !debug) given += ' (an internal error: run again with --debug and report the trace)';
    // oclif's and Node's own errors repeat arguments too (DatatrackError redacts its own).
    const message = redactUrl(given);
    if (this.wantsJson()) this.logJson({ error: { code, message, exitCode } });
    else process.stderr.write(`datatrack: ${printable(message)}\n`);
    if (debug && error.stack) process.stderr.write(`${printableLines(redactUrl(error.stack))}\n`);
    if (debug && error.cause instanceof Error && error.cause.stack) process.stderr.write(`caused by: ${printableLines(redactUrl(error.cause.stack))}\n`);
    return this.exit(exitCode);
  }
}

/**
 * oclif takes `--json=true` as --json not given and `true` as an argument (`--exit-code=false`
 * became a revision): a switch given a value is refused, as git refuses `--quiet=yes`.
 */
function refuseValuedSwitches(argv: readonly string[], flags: Record<string, { type?: string } | undefined>, jsonFlag: boolean): void {
  for (const word of argv) {
    if (word === '--') return;
    const name = /^--([^=]+)=/.exec(word)?.[1];
    if (name === undefined) continue;
    // `--no-color` is a flag of its own name, or the negation of `--color`.
    const type = flags[name]?.type ?? flags[name.replace(/^no-/, '')]?.type ?? (name === 'json' && jsonFlag ? 'boolean' : undefined);
    if (type === 'boolean') throw new UsageError(`--${name} takes no value; give --${name} alone, or leave it out`, 'USAGE');
  }
}
