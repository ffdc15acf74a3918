// Git object I/O, byte-compatible with git and about twenty times faster per object than
// isomorphic-git, let alone a git process: loose objects (SHA-1 + zlib + one file) and packs
// (packs.ts) are read and written here, in the repository's own object directory and, read-only,
// in its alternates (alternates.ts); the git binary reads what this code does not find (a partial
// clone's objects, which git fetches on demand, or forms this reader does not know). Writes go to
// a temporary file that is renamed into place, so a killed process never leaves a truncated
// object under a real id, and an existing loose object is verified before it is trusted.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { StorageError } from '../errors.js';
import { objectDirectories } from './alternates.js';
import { PackSet, releaseKeep, removeAbandonedKeeps, writePack } from './packs.js';
import { fetchFromPromisor } from './promisor.js';
import { makeSharedDirectories, sharedMode, shareLikeGit } from './shared-repository.js';
import { compress, decompress } from './compress.js';
import { removingOnFailure } from '../util/temporary-file.js';

export type ObjectType = 'blob' | 'tree' | 'commit' | 'tag';

export interface GitObject {
  type: ObjectType;
  content: Buffer;
}

/** An object that is not soundly stored yet; `data` is its content compressed for a pack. */
export interface NewObject {
  oid: string;
  type: ObjectType;
  content: Buffer;
  damaged: boolean;
  data?: Buffer;
}

/** The id alone, without building the wrapped object (writeMany hashes every file of a snapshot). */
function objectId(type: ObjectType, content: Buffer): string {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}

export function hashObject(type: ObjectType, content: Buffer): { oid: string; wrapped: Buffer } {
  const wrapped = Buffer.concat([Buffer.from(`${type} ${content.length}\0`), content]);
  return { oid: createHash('sha1').update(wrapped).digest('hex'), wrapped };
}

function unwrap(wrapped: Buffer, oid: string): GitObject {
  const nul = wrapped.indexOf(0);
  const header = wrapped.subarray(0, nul).toString('latin1');
  const space = header.indexOf(' ');
  const type = header.slice(0, space) as ObjectType;
  const content = wrapped.subarray(nul + 1);
  if (nul < 0 || space < 0 || Number(header.slice(space + 1)) !== content.length) {
    throw new StorageError(`git object ${oid} is corrupt (bad header)`, 'CORRUPT_OBJECT');
  }
  return { type, content };
}

/** From this many new objects on, writeMany writes a pack instead of loose objects. */
const PACK_THRESHOLD = 64;
/** From this many objects on, writeMany lists the loose objects once instead of a stat per object. */
const LIST_LOOSE_THRESHOLD = 512;

/** One object directory: loose objects in fan-out directories, and packs. */
class ObjectDirectory {
  readonly packs: PackSet;

  constructor(readonly path: string) {
    this.packs = new PackSet(join(path, 'pack'));
  }

  loosePath(oid: string): string {
    return join(this.path, oid.slice(0, 2), oid.slice(2));
  }

  /** Whether a loose file stands under the id (`listing`: from looseIds, instead of a stat). */
  hasLoose(oid: string, listing?: Set<string>): boolean {
    return listing ? listing.has(oid) : fs.statSync(this.loosePath(oid), { throwIfNoEntry: false }) !== undefined;
  }

  /** The ids of the loose objects: for many objects, listing the 256 fan-out directories once beats a stat per object. */
  looseIds(): Set<string> {
    const ids = new Set<string>();
    for (const dir of fs.readdirSync(this.path)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of fs.readdirSync(join(this.path, dir))) if (/^[0-9a-f]{38}$/.test(name)) ids.add(dir + name);
    }
    return ids;
  }

  /**
   * The loose object, or undefined if there is none or it is damaged (does not inflate, or its
   * header disagrees with its size; with `verify`, also when its content does not hash to its id).
   */
  readLoose(oid: string, verify: boolean): GitObject | undefined {
    let file: Buffer;
    try {
      file = fs.readFileSync(this.loosePath(oid));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let wrapped: Buffer;
    try {
      wrapped = decompress(file);
    } catch {
      return undefined;
    }
    if (verify && createHash('sha1').update(wrapped).digest('hex') !== oid) return undefined;
    try {
      return unwrap(wrapped, oid);
    } catch {
      return undefined;
    }
  }
}

/** What a command cannot do because the clone's history is shallow (fetched with --depth), and how to deepen it. */
export function shallowError(what: string): StorageError {
  return new StorageError(
    `${what}: its snapshot history is shallow (fetched with --depth); fetch all of it with \`git fetch --unshallow\`, or \`git fetch --deepen=<N>\` for more of it`,
    'SHALLOW_HISTORY',
  );
}

export class ObjectStore {
  /** Where new objects go. */
  private readonly own: ObjectDirectory;
  /** The own directory first, then the alternates, read in that order as git reads them. */
  private readonly directories: ObjectDirectory[];
  private readonly madeDirs = new Set<string>();
  /** Objects read so far, by type: lets tests and benchmarks check that a diff reads only what changed. */
  readonly reads: Record<ObjectType, number> = { blob: 0, tree: 0, commit: 0, tag: 0 };

  /** `objectsDir`: where git reads and writes this repository's objects (GIT_OBJECT_DIRECTORY, when set). */
  constructor(
    readonly gitdir: string,
    readonly objectsDir = join(gitdir, 'objects'),
  ) {
    this.directories = objectDirectories(objectsDir).map((path) => new ObjectDirectory(path));
    this.own = this.directories[0]!;
  }

  /** A loose object from the first directory that holds a sound copy, or undefined. */
  private readLoose(oid: string): GitObject | undefined {
    for (const dir of this.directories) {
      const object = dir.readLoose(oid, false);
      if (object) {
        this.reads[object.type]++;
        return object;
      }
    }
    return undefined;
  }

  private packed(oid: string): boolean {
    return this.directories.some((dir) => dir.packs.has(oid));
  }

  /**
   * Whether a sound copy of an object is stored, here or in an alternate. A stat comes first: for
   * a new object (the common case on a first snapshot) a failed stat is much cheaper than a failed
   * read; an existing loose object is read and verified before it is trusted. `listings` are the
   * directories' looseIds, in order.
   */
  private stored(oid: string, listings?: Set<string>[]): 'sound' | 'damaged' | 'absent' {
    if (this.packed(oid)) return 'sound';
    for (const [i, dir] of this.directories.entries()) {
      if (!dir.hasLoose(oid, listings?.[i])) continue;
      if (dir.readLoose(oid, true)) return 'sound';
      // Our own damaged copy is replaced. One in an alternate is not ours to touch: the copy we
      // write shadows it, for git reads our own directory first.
      if (dir === this.own) return 'damaged';
    }
    return 'absent';
  }

  /** Writes an object unless a sound copy is already stored; returns its id. */
  write(type: ObjectType, content: Buffer): string {
    const { oid, wrapped } = hashObject(type, content);
    if (this.stored(oid) === 'sound') return oid;
    const dir = join(this.own.path, oid.slice(0, 2));
    const deflated = compress(wrapped);
    const shared = sharedMode(this.gitdir);
    for (let attempt = 1; ; attempt++) {
      try {
        if (!this.madeDirs.has(dir) || attempt > 1) {
          makeSharedDirectories(dir, shared);
          this.madeDirs.add(dir);
        }
        const temp = join(dir, `tmp_obj_${process.pid}_${randomBytes(6).toString('hex')}`);
        removingOnFailure([temp], () => {
          fs.writeFileSync(temp, deflated, { mode: 0o444 });
          shareLikeGit(temp, shared);
          fs.renameSync(temp, this.own.loosePath(oid));
        });
        break;
      } catch (error) {
        // A concurrent `git prune` removes empty fan-out directories and temporary files older
        // than its start: both can vanish under us. Start the object over.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 5) throw error;
      }
    }
    return oid;
  }

  /**
   * Hashes objects and finds which are not soundly stored yet: the new ones (distinct ids),
   * compressed as a pack holds them when `compressNew` is set (the CPU-bound half of writeMany,
   * which worker threads share), to be stored by storeNew. Returns every object's id, in order.
   */
  check(objects: { type: ObjectType; content: Buffer }[], compressNew = false): { oids: string[]; fresh: NewObject[] } {
    const listings = objects.length >= LIST_LOOSE_THRESHOLD ? this.directories.map((dir) => dir.looseIds()) : undefined;
    const seen = new Set<string>();
    const fresh: NewObject[] = [];
    const oids = objects.map(({ type, content }) => {
      const oid = objectId(type, content);
      if (seen.has(oid)) return oid;
      seen.add(oid);
      const stored = this.stored(oid, listings);
      if (stored !== 'sound') fresh.push({ oid, type, content, damaged: stored === 'damaged', ...(compressNew ? { data: compress(content) } : {}) });
      return oid;
    });
    return { oids, fresh };
  }

  /**
   * Stores new objects (from check, distinct ids): as one pack when there are enough for that to
   * pay (a pack is two files, where loose objects are one file each), else loose.
   */
  storeNew(fresh: NewObject[]): void {
    if (fresh.length < PACK_THRESHOLD) {
      for (const { type, content } of fresh) this.write(type, content);
      return;
    }
    const entries = fresh.map(({ oid, type, content, data }) => ({ oid, type, size: content.length, data: data ?? compress(content) }));
    this.keptPacks.push(writePack(join(this.own.path, 'pack'), entries, sharedMode(this.gitdir)));
    this.own.packs.reload();
    // A damaged loose copy (a truncated file) of an object now packed: git would still read and
    // fsck it, so it goes; the packed copy is the object.
    for (const { oid, damaged } of fresh) if (damaged) fs.rmSync(this.own.loosePath(oid), { force: true });
  }

  /** Packs this store wrote, kept from git's repack until a ref holds their objects. */
  private readonly keptPacks: string[] = [];

  /**
   * Lets git repack the packs written so far: call once a ref holds their objects, or on failure.
   * Those an interrupted run left (a signal ends the process before its own release) go too, so
   * that a small write after it, which makes no pack, does not leave them kept forever.
   */
  releaseKeptPacks(): void {
    const packDir = join(this.own.path, 'pack');
    for (const name of this.keptPacks.splice(0)) releaseKeep(packDir, name);
    removeAbandonedKeeps(packDir);
  }

  /** Writes many objects at once (check, then storeNew); returns their ids. */
  writeMany(objects: { type: ObjectType; content: Buffer }[]): string[] {
    const { oids, fresh } = this.check(objects);
    this.storeNew(fresh);
    return oids;
  }

  /** Forget what was read of the packs: a `git gc` or repack may have replaced them since. */
  private reloadPacks(): void {
    for (const dir of this.directories) dir.packs.reload();
  }

  /**
   * Marks objects as just written (mtime now), so that a `git prune` already running, whose
   * cut-off is its own start time, leaves them alone; returns the ids that are gone (a prune
   * removed them while they were still unreachable) so the caller can write them again.
   */
  freshen(oids: Iterable<string>): string[] {
    this.reloadPacks();
    const now = new Date();
    const missing: string[] = [];
    for (const oid of oids) {
      // `git prune` deletes loose objects only, and a repack that drops a packed one shows in the
      // reload above: only a loose copy needs its time set. Packs first: a snapshot's blobs are
      // packed, and a failed utimes per object costs.
      if (this.packed(oid)) continue;
      try {
        fs.utimesSync(this.own.loosePath(oid), now, now);
      } catch {
        // A prune here never takes an alternate's objects.
        if (!this.directories.some((dir) => dir !== this.own && dir.hasLoose(oid))) missing.push(oid);
      }
    }
    return missing;
  }

  /**
   * A packed or loose object, synchronously; undefined when neither reader finds it. Packs first,
   * as git does: a snapshot's blobs are packed, and a failed loose read (an exception) per packed
   * object cost a tenth of reading a 10,000-table snapshot.
   */
  readSync(oid: string): GitObject | undefined {
    for (const dir of this.directories) {
      const packed = dir.packs.read(oid, (base) => this.readSync(base));
      if (packed) {
        this.reads[packed.type]++;
        return packed;
      }
    }
    return this.readLoose(oid);
  }

  /**
   * Any object git can read: ours first, then, for what they do not find, the same after a
   * reload of the packs (a concurrent `git gc` may have replaced them), then git itself.
   */
  async read(oid: string): Promise<GitObject> {
    const found = this.readSync(oid) ?? this.readAfterReload(oid) ?? (await this.readWithGit(oid));
    if (found) return found;
    // Stored but unreadable (bad zlib, a pack's damaged bytes) is damage, not a missing object;
    // but a copy that appeared after the reads above (another writer restoring what a concurrent
    // prune took) is sound: only a copy that is there and still does not read is damage.
    if (this.present(oid)) {
      const restored = this.readAfterReload(oid);
      if (restored) return restored;
      if (this.present(oid)) throw new StorageError(`git object ${oid} is corrupt; run \`git fsck\` to see what else is damaged`, 'CORRUPT_OBJECT');
    }
    // A shallow clone lacks what lies beyond its boundary by design: that is no damage.
    if (this.shallowCommits().size > 0) throw shallowError(`git object ${oid} is not in this clone`);
    // So does a partial clone (--filter): git fetches what it lacks on demand, and could not.
    if (this.partialClone()) {
      throw new StorageError(
        `git object ${oid} is not in this partial clone, and git could not fetch it from the remote it came from (its promisor remote); run it again once that remote is reachable`,
        'MISSING_OBJECT',
      );
    }
    throw new StorageError(`git object ${oid} is missing; run \`git fsck\` to see what else is damaged`, 'MISSING_OBJECT');
  }

  /** Whether objects were fetched with a filter: git marks such packs with a `.promisor` file. */
  private partialClone(): boolean {
    try {
      return fs.readdirSync(join(this.objectsDir, 'pack')).some((name) => name.endsWith('.promisor'));
    } catch {
      return false;
    }
  }

  /**
   * The commits a shallow clone holds without their parents (git's `shallow` file), read afresh
   * each time: a fetch may deepen the clone while a command runs.
   */
  shallowCommits(): Set<string> {
    try {
      return new Set(fs.readFileSync(join(this.gitdir, 'shallow'), 'utf8').split('\n').filter(Boolean));
    } catch {
      return new Set();
    }
  }

  /** Whether a copy of the object is stored, here or in an alternate (not verified: that is for the read). */
  private present(oid: string): boolean {
    return this.packed(oid) || this.directories.some((dir) => dir.hasLoose(oid));
  }

  /**
   * Makes the objects a caller is about to read present at once: those a partial clone lacks are
   * fetched in one request, where reading them one by one has git fetch each on its own.
   */
  async prefetch(oids: Iterable<string>): Promise<void> {
    let lacking = [...new Set(oids)].filter((oid) => !this.present(oid));
    if (lacking.length === 0) return;
    this.reloadPacks();
    lacking = lacking.filter((oid) => !this.present(oid));
    if (lacking.length === 0) return;
    await fetchFromPromisor(this.gitdir, lacking);
    this.reloadPacks();
  }

  private readAfterReload(oid: string): GitObject | undefined {
    this.reloadPacks();
    return this.readSync(oid);
  }

  /**
   * The object as `git cat-file` reads it: a partial clone's (which git fetches from its promisor
   * remote), one named by an alternates entry this code cannot parse, or one in a form this
   * reader does not know. Undefined when git cannot read it either.
   */
  private async readWithGit(oid: string): Promise<GitObject | undefined> {
    const output = await new Promise<Buffer | undefined>((resolve) => {
      const child = execFile('git', ['--git-dir', this.gitdir, 'cat-file', '--batch'], { encoding: 'buffer', maxBuffer: Infinity }, (error, stdout) =>
        resolve(error ? undefined : stdout),
      );
      // git may exit before it reads its input (no repository there): the callback has the
      // outcome, and the broken pipe is no news.
      child.stdin?.on('error', () => {});
      child.stdin?.end(`${oid}\n`);
    });
    const object = output && parseBatchOutput(output, oid);
    if (object) this.reads[object.type]++;
    return object;
  }

  async readTyped(oid: string, type: ObjectType): Promise<Buffer> {
    const object = await this.read(oid);
    if (object.type !== type) throw new StorageError(`git object ${oid} is a ${object.type}, not a ${type}`, 'WRONG_OBJECT_TYPE');
    return object.content;
  }

  async has(oid: string): Promise<boolean> {
    if (this.stored(oid) === 'sound') return true;
    try {
      await this.read(oid);
      return true;
    } catch {
      return false;
    }
  }

  /** Completes an abbreviated object id (at least 4 hex digits). */
  async expand(prefix: string): Promise<string> {
    const { default: git } = await import('isomorphic-git');
    return git.expandOid({ fs, gitdir: this.gitdir, oid: prefix.toLowerCase() });
  }
}

const OBJECT_TYPES: readonly string[] = ['blob', 'tree', 'commit', 'tag'];

/** One object of `git cat-file --batch` output (`<oid> <type> <size>\n<content>\n`); undefined for `<oid> missing`. */
function parseBatchOutput(output: Buffer, oid: string): GitObject | undefined {
  const newline = output.indexOf(10);
  const [id, type, size] = output.subarray(0, newline).toString('latin1').split(' ');
  const content = output.subarray(newline + 1, newline + 1 + Number(size));
  if (id !== oid || !OBJECT_TYPES.includes(type!) || content.length !== Number(size)) return undefined;
  return { type: type as ObjectType, content };
}
