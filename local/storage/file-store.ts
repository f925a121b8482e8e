/** @module Object bytes on disk: `<dataDir>/storage/<bucket>/<name>`, written through a staging file and renamed into place. */
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { errors } from "./errors.ts";
import { bucketPath, objectPath } from "./object-keys.ts";

/** Bytes written to the staging area, not yet visible as an object. */
export interface StagedFile {
  path: string;
  size: number;
  /** The MD5 of the bytes in quotes, as Storage's file backend reports it. */
  eTag: string;
}

const code = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;

export class FileStore {
  readonly root: string;
  private readonly staging: string;

  constructor(dataDir: string) {
    this.root = resolve(dataDir, "storage");
    this.staging = resolve(dataDir, "storage-staging");
  }

  /** The file of an object (validated: never outside the bucket's directory). */
  pathOf(bucket: string, key: string): string {
    return objectPath(this.root, bucket, key);
  }

  /** Writes `bytes` to a new staging file. */
  async stage(bytes: Uint8Array): Promise<StagedFile> {
    await mkdir(this.staging, { recursive: true });
    const path = join(this.staging, randomUUID());
    await writeFile(path, bytes);
    return { path, size: bytes.byteLength, eTag: `"${createHash("md5").update(bytes).digest("hex")}"` };
  }

  /** Copies an existing object to a new staging file (for copy). */
  async stageCopyOf(bucket: string, key: string): Promise<StagedFile> {
    await mkdir(this.staging, { recursive: true });
    const path = join(this.staging, randomUUID());
    try {
      await copyFile(this.pathOf(bucket, key), path);
    } catch (error) {
      if (code(error) === "ENOENT") throw errors.noSuchKey();
      throw error;
    }
    const { size } = await stat(path);
    return { path, size, eTag: `"${await md5Of(path)}"` };
  }

  /** Moves a staged file into place as `bucket/key`, replacing an older version. */
  async commit(staged: StagedFile, bucket: string, key: string): Promise<void> {
    const target = this.pathOf(bucket, key);
    await this.placeAt(target, key, () => rename(staged.path, target));
  }

  /** Renames an object's file (move). */
  async move(fromBucket: string, fromKey: string, toBucket: string, toKey: string): Promise<void> {
    const source = this.pathOf(fromBucket, fromKey);
    const target = this.pathOf(toBucket, toKey);
    await this.placeAt(target, toKey, async () => {
      try {
        await rename(source, target);
      } catch (error) {
        if (code(error) === "ENOENT") throw errors.noSuchKey();
        throw error;
      }
    });
    await this.pruneEmptyFolders(fromBucket, source);
  }

  /** Deletes a staged file that will not be committed. */
  async discard(staged: StagedFile): Promise<void> {
    await rm(staged.path, { force: true });
  }

  /** Deletes an object's file (a missing file is fine) and the folders it leaves empty. */
  async remove(bucket: string, key: string): Promise<void> {
    const path = this.pathOf(bucket, key);
    await rm(path, { force: true });
    await this.pruneEmptyFolders(bucket, path);
  }

  /** Deletes a bucket's directory and everything left in it. */
  async removeBucket(bucket: string): Promise<void> {
    await rm(bucketPath(this.root, bucket), { recursive: true, force: true });
  }

  /** Whether the object's file is on disk. */
  async exists(bucket: string, key: string): Promise<boolean> {
    return stat(this.pathOf(bucket, key)).then((s) => s.isFile(), () => false);
  }

  /**
   * Opens an object's bytes, optionally a `[start, end]` byte range (inclusive).
   * A missing file is 404 NoSuchKey (the row may exist while the file does not).
   */
  async read(bucket: string, key: string, range?: { start: number; end: number }) {
    const path = this.pathOf(bucket, key);
    const info = await stat(path).catch((error) => {
      if (code(error) === "ENOENT" || code(error) === "ENOTDIR") throw errors.noSuchKey();
      throw error;
    });
    if (!info.isFile()) throw errors.noSuchKey();
    const stream = createReadStream(path, range ?? {});
    return { size: info.size, body: Readable.toWeb(stream) as ReadableStream<Uint8Array> };
  }

  private async placeAt(target: string, key: string, place: () => Promise<void>): Promise<void> {
    try {
      await mkdir(dirname(target), { recursive: true });
      await place();
    } catch (error) {
      // A file where a folder must go ("a" exists, writing "a/b") or the reverse.
      if (["ENOTDIR", "EEXIST", "EISDIR", "ENOTEMPTY"].includes(code(error) ?? "")) throw errors.pathConflict(key);
      throw error;
    }
  }

  private async pruneEmptyFolders(bucket: string, filePath: string): Promise<void> {
    const stop = bucketPath(this.root, bucket);
    for (let dir = dirname(filePath); dir.startsWith(`${stop}${sep}`); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        return;
      }
    }
  }
}

async function md5Of(path: string): Promise<string> {
  const hash = createHash("md5");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
