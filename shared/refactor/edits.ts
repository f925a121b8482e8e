/** @module Proposal edits as a refactor builds them: each tied to the version and sha256 of the file it was made from. */
import { sha256Hex } from "../history/manifest.ts";
import type { ProposalEdit } from "../protocol/index.ts";
import { AppError } from "../errors.ts";

/** A project file as the refactor reads it: with the version its edit is checked against on apply. */
export interface VersionedFile {
  path: string;
  content: string;
  version: number;
}

/** A change a refactor wants, before it is tied to the files' versions. */
export type Change =
  | { action: "modify"; path: string; content: string; occurrences: number }
  | { action: "create"; path: string; content: string; occurrences: number }
  | { action: "delete"; path: string };

/** The proposal edits of `changes` over `files`, sorted by path; a `modify` that changes nothing is dropped. */
export async function editsOf(files: VersionedFile[], changes: Change[]): Promise<ProposalEdit[]> {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const edits: ProposalEdit[] = [];
  for (const change of changes) {
    const base = byPath.get(change.path);
    if (change.action === "create") {
      edits.push({ path: change.path, action: "create", base_version: null, base_hash: null, new_content: change.content, occurrences: change.occurrences });
      continue;
    }
    if (!base) throw new AppError("invalid_request", `There is no file ${change.path} to ${change.action}.`);
    if (change.action === "modify" && change.content === base.content) continue;
    edits.push({
      path: change.path,
      action: change.action,
      base_version: base.version,
      base_hash: await sha256Hex(base.content),
      new_content: change.action === "delete" ? null : change.content,
      occurrences: change.action === "delete" ? 0 : change.occurrences,
    });
  }
  return edits.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The project's files with `edits` applied (for checking a proposal). */
export function applyEdits(files: { path: string; content: string }[], edits: ProposalEdit[]): { path: string; content: string }[] {
  const out = new Map(files.map((file) => [file.path, file.content]));
  for (const edit of edits) {
    if (edit.action === "delete") out.delete(edit.path);
    else out.set(edit.path, edit.new_content ?? "");
  }
  return [...out].map(([path, content]) => ({ path, content }));
}

/** Lines that differ between two texts, counted simply (changed, added or removed), for a model's edits. */
export function changedLines(before: string, after: string): number {
  const a = before.split("\n");
  const b = after.split("\n");
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  let tail = 0;
  while (tail < a.length - same && tail < b.length - same && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return Math.max(a.length, b.length) - same - tail;
}
