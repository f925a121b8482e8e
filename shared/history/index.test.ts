import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalTree, diffManifests, manifestProblems, sha256Hex, treeHash, type ManifestFile } from "./index.ts";

const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const file = (path: string, content: string, language: string | null = "typescript"): ManifestFile => ({ path, hash: sha(content), size: Buffer.byteLength(content), language });
const reader = (...contents: string[]) => async () => new Map(contents.map((c) => [sha(c), c]));

describe("manifest hashes", () => {
  it("hashes UTF-8 bytes as Node does", async () => {
    expect(await sha256Hex("é ✓")).toBe(sha("é ✓"));
  });

  it("hashes the canonical tree lines, so a changed size, language or path changes the hash", async () => {
    const files = [file("a.ts", "x"), file("b.css", "y", null)];
    expect(canonicalTree(files)).toBe(`${sha("x")}\t1\ttypescript\ta.ts\n${sha("y")}\t1\t\tb.css`);
    const hash = await treeHash(files);
    expect(await treeHash(files.map((f) => ({ ...f })))).toBe(hash);
    expect(await treeHash([{ ...files[0]!, path: "c.ts" }, files[1]!])).not.toBe(hash);
    expect(await manifestProblems({ data: { files }, hash, file_count: 2 })).toEqual([]);
    expect(await manifestProblems({ data: { files }, hash, file_count: 3 })).toEqual(["file_count is 3 but the tree lists 2 files"]);
    expect(await manifestProblems({ data: { files: [{ ...files[0]!, size: 9 }, files[1]!] }, hash, file_count: 2 })).toEqual([
      "the tree does not match the manifest's integrity hash",
    ]);
  });
});

describe("diffManifests", () => {
  it("lists added, removed and modified files with line hunks, skipping unchanged ones", async () => {
    const before = [file("a.ts", "one\ntwo\nthree\n"), file("gone.ts", "bye\n"), file("same.ts", "same\n")];
    const after = [file("a.ts", "one\n2\nthree\n"), file("new.ts", "hi\n"), file("same.ts", "same\n")];
    const diff = await diffManifests(before, after, reader("one\ntwo\nthree\n", "bye\n", "one\n2\nthree\n", "hi\n"));
    expect(diff).toMatchObject({ added: 1, removed: 1, modified: 1, unchanged: 1 });
    expect(diff.changes.map((c) => [c.status, c.path])).toEqual([["modified", "a.ts"], ["removed", "gone.ts"], ["added", "new.ts"]]);
    expect(diff.changes[0]!.hunks[0]!.lines).toEqual([" one", "-two", "+2", " three"]);
    expect(diff.changes[2]!.hunks[0]!.lines).toEqual(["+hi"]);
  });

  it("refuses a content that does not match its hash", async () => {
    const before = [file("a.ts", "real")];
    const after = [file("a.ts", "next")];
    const tampered = async () => new Map([[sha("real"), "tampered"], [sha("next"), "next"]]);
    await expect(diffManifests(before, after, tampered)).rejects.toMatchObject({ code: "manifest_corrupted", details: { path: "a.ts" } });
  });
});
