/**
 * @module What PGlite's initdb produces, made once per machine and kept. Every
 * new database of one PGlite version starts as the same data directory; making
 * it runs initdb in wasm (about 2 s of CPU), unpacking this copy takes a few
 * hundred ms. It lives under node_modules/.cache, or CODEFORGE_PGLITE_CACHE;
 * deleting it is always safe.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseTar, type ParsedTarFileItem } from "nanotar";
import { PGlite } from "@electric-sql/pglite";

const DEFAULT_CACHE_DIR = fileURLToPath(new URL("../../node_modules/.cache/codeforge-pglite/", import.meta.url));

export interface InitdbTemplate {
  /** The data directory as a tar, as PGlite's `dumpDataDir` writes it and `loadDataDir` reads it. */
  tar: Uint8Array<ArrayBuffer>;
  entries: ParsedTarFileItem[];
}

/** The template's file, named for the installed PGlite version (another version's initdb output may differ). */
export async function initdbTemplatePath(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const { version } = JSON.parse(await readFile(join(dirname(entry), "../package.json"), "utf8")) as { version: string };
  return join(process.env.CODEFORGE_PGLITE_CACHE ?? DEFAULT_CACHE_DIR, `initdb-${version}.tar`);
}

function parse(tar: Uint8Array<ArrayBuffer>): InitdbTemplate {
  const entries = parseTar(tar);
  if (!entries.some((entry) => entry.type === "file" && entry.name === "PG_VERSION")) throw new Error("it holds no database");
  return { tar, entries };
}

/**
 * The cached template, made (and cached) first when there is none. Throws when
 * the cached file is damaged; discardInitdbTemplate() then lets it be made again.
 */
export async function initdbTemplate(): Promise<InitdbTemplate> {
  const path = await initdbTemplatePath();
  const cached = await readFile(path).catch(() => undefined);
  if (cached) return parse(cached);
  // In memory, where initdb's many small writes stay inside the wasm file system.
  const pg = await PGlite.create();
  const tar = new Uint8Array(await (await pg.dumpDataDir("none")).arrayBuffer());
  await pg.close();
  await mkdir(dirname(path), { recursive: true });
  // Written aside and renamed, so a reader never sees half a file, even with two processes at once.
  const partial = `${path}.${process.pid}-${Date.now()}`;
  await writeFile(partial, tar);
  await rename(partial, path);
  return parse(tar);
}

/**
 * Unpacks the template into `dataDir`, which must not exist yet. Node's own file
 * writes are several times faster than PGlite's `loadDataDir` into a directory
 * (which goes through the wasm file system); the unpacked directory is renamed
 * into place whole, so an interrupted start leaves no half a database.
 */
export async function restoreInitdbTemplate({ entries }: InitdbTemplate, dataDir: string): Promise<void> {
  const partial = `${dataDir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  for (const entry of entries) if (entry.type === "directory") await mkdir(join(partial, entry.name), { recursive: true });
  await mkdir(partial, { recursive: true });
  await Promise.all(entries.filter((entry) => entry.type === "file").map((entry) => writeFile(join(partial, entry.name), entry.data ?? new Uint8Array())));
  await rename(partial, dataDir).catch(async (error: unknown) => {
    await rm(partial, { recursive: true, force: true });
    // Another process made this database first: it is kept.
    if (!existsSync(join(dataDir, "PG_VERSION"))) throw error;
  });
}

/** Drops a damaged template, so the next new database makes it again. */
export async function discardInitdbTemplate(): Promise<void> {
  await rm(await initdbTemplatePath(), { force: true });
}
