/** @module The difference between two manifests: files added, removed and changed, with line hunks from the `diff` library. */
import { structuredPatch, type StructuredPatchHunk } from "diff";
import { sha256Hex, type ManifestFile } from "./manifest.ts";
import { AppError } from "../errors.ts";

export type FileChange =
  | { status: "added"; path: string; after: ManifestFile; hunks: StructuredPatchHunk[] }
  | { status: "removed"; path: string; before: ManifestFile; hunks: StructuredPatchHunk[] }
  | { status: "modified"; path: string; before: ManifestFile; after: ManifestFile; hunks: StructuredPatchHunk[] };

export interface ManifestDiff {
  changes: FileChange[];
  added: number;
  removed: number;
  modified: number;
  unchanged: number;
}

/** Reads contents by hash (e.g. from `project_blobs`); the map may hold more than asked. */
export type BlobReader = (hashes: string[]) => Promise<Map<string, string>>;

/** Thrown when a stored content does not match the hash it is stored under. */
const corrupt = (path: string) => new AppError("manifest_corrupted", `${path}: its stored content does not match its hash`, { path });

/** The hashes whose contents `diffManifests` needs: those of files that differ between the trees. */
export function changedHashes(before: ManifestFile[], after: ManifestFile[]): string[] {
  const old = new Map(before.map((file) => [file.path, file.hash]));
  const now = new Map(after.map((file) => [file.path, file.hash]));
  const hashes = new Set<string>();
  for (const file of before) if (now.get(file.path) !== file.hash) hashes.add(file.hash);
  for (const file of after) if (old.get(file.path) !== file.hash) hashes.add(file.hash);
  return [...hashes];
}

/**
 * Compares two trees by content hash, then diffs the changed files line by line.
 * Every content read is checked against its hash: a mismatch throws a `manifest_corrupted` AppError.
 * @example const diff = await diffManifests(v1.data.files, v3.data.files, readBlobs)
 */
export async function diffManifests(before: ManifestFile[], after: ManifestFile[], read: BlobReader, context = 3): Promise<ManifestDiff> {
  const contents = await read(changedHashes(before, after));
  const verified = new Set<string>();
  const text = async (file: ManifestFile) => {
    const content = contents.get(file.hash);
    if (content === undefined) throw corrupt(file.path);
    if (!verified.has(file.hash)) {
      if ((await sha256Hex(content)) !== file.hash) throw corrupt(file.path);
      verified.add(file.hash);
    }
    return content;
  };
  const old = new Map(before.map((file) => [file.path, file]));
  const now = new Map(after.map((file) => [file.path, file]));
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changes: FileChange[] = [];
  let unchanged = 0;
  for (const path of paths) {
    const a = old.get(path);
    const b = now.get(path);
    if (a && b && a.hash === b.hash) {
      unchanged++;
      continue;
    }
    const hunks = structuredPatch(path, path, a ? await text(a) : "", b ? await text(b) : "", "", "", { context }).hunks;
    if (a && b) changes.push({ status: "modified", path, before: a, after: b, hunks });
    else if (b) changes.push({ status: "added", path, after: b, hunks });
    else changes.push({ status: "removed", path, before: a!, hunks });
  }
  const count = (status: FileChange["status"]) => changes.filter((change) => change.status === status).length;
  return { changes, added: count("added"), removed: count("removed"), modified: count("modified"), unchanged };
}
