// Tests of code that reads process.env directly (libpq's PGHOST, NO_COLOR).

/** Runs `body` with these environment variables set (undefined: unset), then puts them back (an async body's once it settles). */
export function withEnv<T>(values: Record<string, string | undefined>, body: () => T): T {
  const before = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const put = (entries: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  put(values);
  let result: T;
  try {
    result = body();
  } catch (error) {
    put(before);
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => put(before)) as T;
  put(before);
  return result;
}
