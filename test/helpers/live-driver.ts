// A dialect's driver for tests against a live server, or undefined (with a `SKIP …` line) while the
// dialect is not built yet or the server is down; with CI=true a server that is down fails instead.
import { loadDriver, type Driver } from '../../src/dialects/driver.js';
import type { Dialect } from '../../src/model/types.js';

/** The dialect's driver, or undefined (with a `SKIP …` line) when this build does not have it. */
export async function builtDriver(dialect: Dialect, label: string): Promise<Driver | undefined> {
  try {
    return await loadDriver(dialect);
  } catch {
    console.log(`SKIP ${label}: ${dialect} dialect not available`);
    return undefined;
  }
}

export async function liveDriver(dialect: Dialect, label: string, server: string, probe: () => Promise<void>): Promise<Driver | undefined> {
  const driver = await builtDriver(dialect, label);
  if (!driver) return undefined;
  try {
    await probe();
    return driver;
  } catch (error) {
    if (process.env.CI === 'true') throw error;
    console.log(`SKIP ${label}: ${server} is not reachable (${(error as Error).message})`);
    return undefined;
  }
}
