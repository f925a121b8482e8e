/** @module Manifests of a project's files (`project_manifests`): their shape and the integrity hash, computed as the database does. */

/** One file of a manifest's tree. */
export interface ManifestFile {
  path: string;
  /** sha256 of the content's UTF-8 bytes, lowercase hex; names a `project_blobs` row. */
  hash: string;
  size: number;
  language: string | null;
}

/** A `project_manifests` row. */
export interface Manifest {
  id: string;
  project_id: string;
  version: number;
  source: string;
  job_id: string | null;
  note: string | null;
  data: { files: ManifestFile[] };
  hash: string;
  file_count: number;
  total_bytes: number;
  created_at: string;
}

export const MANIFEST_COLUMNS = "id, project_id, version, source, job_id, note, data, hash, file_count, total_bytes, created_at";

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

/** sha256 of `text`'s UTF-8 bytes, lowercase hex (Web Crypto: browsers, Deno, Node). */
export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** The text `public.manifest_tree_hash` hashes: one `hash\tsize\tlanguage\tpath` line per file, in the tree's order. */
export function canonicalTree(files: ManifestFile[]): string {
  return files.map((file) => [file.hash, file.size, file.language ?? "", file.path].join("\t")).join("\n");
}

/** The integrity hash of a tree, equal to `public.manifest_tree_hash(data->'files')`. */
export const treeHash = (files: ManifestFile[]): Promise<string> => sha256Hex(canonicalTree(files));

/**
 * Why a manifest cannot be trusted as it was read, or an empty list when its
 * tree matches its hash and file count. Contents are checked where they are
 * read (see `diffManifests`) and by the database before a rollback.
 * @example if ((await manifestProblems(row)).length) showCorrupted(row)
 */
export async function manifestProblems(manifest: Pick<Manifest, "data" | "hash" | "file_count">): Promise<string[]> {
  const files = manifest.data?.files;
  if (!Array.isArray(files)) return ["data.files is not a list"];
  const problems: string[] = [];
  if ((await treeHash(files)) !== manifest.hash) problems.push("the tree does not match the manifest's integrity hash");
  if (files.length !== manifest.file_count) problems.push(`file_count is ${manifest.file_count} but the tree lists ${files.length} files`);
  return problems;
}
