// Tests of code that reads process.env directly (libpq's PGHOST, NO_COLOR).

/** Runs `body` with these environment variables set (undefined: unset), then puts them back. */
export function withEnv<T>(values: Record<string, string | undefined>, body: () => T): T {
  const before = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const put = (entries: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  put(values);
  try {
    return body();
  } finally {
    put(before);
  }
}
