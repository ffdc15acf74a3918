// A flag that names a file or directory. A connection URL pasted there would become a file name
// (password included) that `git add -A` commits, and its `//` is collapsed by path resolution
// before any message could redact it: it is refused as typed.
import { Flags } from '#oclif';
import { UsageError } from '../errors.js';

export const pathFlag = Flags.custom<string>({
  parse: async (input) => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim())) throw new UsageError(`expected a file path, not a URL (${input})`, 'USAGE');
    // An empty path (an unset variable: --rules "$RULES") would resolve to the current directory.
    if (input.trim() === '') throw new UsageError('expected a file path, got an empty value', 'USAGE');
    return input;
  },
});
