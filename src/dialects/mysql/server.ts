// Which server we talk to. MariaDB and MySQL share the information_schema views but not every
// column of them, nor how they spell column defaults; both are decided here from VERSION().
import { DatabaseError } from '../../errors.js';

export type Flavor = 'mariadb' | 'mysql';

export interface ServerInfo {
  flavor: Flavor;
  /** `10.11.19-MariaDB`, `8.0.36-MySQL`: the release without the packager's suffix (-0+deb12u1). */
  version: string;
}

/** Oldest releases whose catalogs have what we read (IGNORED indexes; CHECK_CONSTRAINTS with ENFORCED). */
const MINIMUM: Record<Flavor, [number, number, number]> = { mariadb: [10, 6, 0], mysql: [8, 0, 16] };

/** The server a VERSION() (or a snapshot's `server`, `10.11.19-MariaDB`) names. */
export const flavorOf = (version: string): Flavor => (/mariadb/i.test(version) ? 'mariadb' : 'mysql');

export function parseServerVersion(text: string): ServerInfo {
  const numbers = /^(\d+)\.(\d+)\.(\d+)/.exec(text);
  const flavor = flavorOf(text);
  if (!numbers) throw new DatabaseError(`cannot tell which MySQL/MariaDB release this is: VERSION() says ${JSON.stringify(text)}`, 'DB_UNSUPPORTED');
  const release = numbers.slice(1, 4).map(Number) as [number, number, number];
  const minimum = MINIMUM[flavor];
  const older = release.findIndex((part, i) => part !== minimum[i]);
  if (older >= 0 && release[older]! < minimum[older]!) {
    const name = flavor === 'mariadb' ? 'MariaDB' : 'MySQL';
    throw new DatabaseError(`${name} ${release.join('.')} is not supported; datatrack reads ${name} ${minimum.join('.')} or newer`, 'DB_UNSUPPORTED');
  }
  return { flavor, version: `${release.join('.')}-${flavor === 'mariadb' ? 'MariaDB' : 'MySQL'}` };
}
