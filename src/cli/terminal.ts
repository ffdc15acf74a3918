// Human output: colour only on a TTY, never with NO_COLOR or --no-color; every database-sourced
// string passes through `printable` before it reaches a terminal.
import { printable } from '../util/printable.js';

export { printable };

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, dim: 2, bold: 1 } as const;
export type Style = keyof typeof CODES;

export function colorEnabled(stream: NodeJS.WriteStream, colorFlag: boolean): boolean {
  // FORCE_COLOR=0 (or false) turns colour off, as chalk, Node and oclif's help read it; another value cannot force it onto a pipe.
  const forcedOff = process.env.FORCE_COLOR === '0' || process.env.FORCE_COLOR === 'false';
  return colorFlag && stream.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb' && !forcedOff;
}

export class Painter {
  constructor(readonly enabled: boolean) {}

  paint(style: Style, text: string): string {
    return this.enabled ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
  }
}

export function shortId(oid: string): string {
  return oid.slice(0, 7);
}
