import { describe, expect, it } from "vitest";
import { proposeRename, renameIdentifier } from "./index.ts";

describe("renameIdentifier", () => {
  it("renames declarations, references, imports and JSX tags, not strings, comments or longer names", () => {
    const source = [
      'import { WalkList } from "./WalkList";',
      "// WalkList shows the walks",
      "export function Page() {",
      '  const label = "WalkList";',
      "  const WalkListItem = 1;",
      "  return <WalkList items={[]} />;",
      "}",
    ].join("\n");
    const { content, occurrences } = renameIdentifier("src/pages/Page.tsx", source, "WalkList", "WalkTable");
    expect(occurrences).toBe(2);
    expect(content).toBe(source.replace('import { WalkList }', "import { WalkTable }").replace("<WalkList ", "<WalkTable "));
  });

  it("leaves files that are not scripts alone", () => {
    expect(renameIdentifier("styles.css", ".WalkList {}", "WalkList", "X")).toEqual({ content: ".WalkList {}", occurrences: 0 });
  });
});

describe("proposeRename", () => {
  it("proposes one edit per touched file, with the version and hash it was made from", async () => {
    const files = [
      { path: "b.ts", content: "export const total = 1;", version: 3 },
      { path: "a.ts", content: 'import { total } from "./b";\nconsole.log(total);', version: 1 },
      { path: "c.ts", content: "export {};", version: 1 },
    ];
    const proposal = await proposeRename(files, { symbol: "total", options: { rename_to: "sum" }, scope: {} });
    expect(proposal.summary).toBe("Rename total to sum: 3 occurrence(s) in 2 file(s)");
    expect(proposal.edits.map((e) => [e.path, e.base_version, e.occurrences, e.new_content])).toEqual([
      ["a.ts", 1, 2, 'import { sum } from "./b";\nconsole.log(sum);'],
      ["b.ts", 3, 1, "export const sum = 1;"],
    ]);
    expect(proposal.edits[0]!.base_hash).toMatch(/^[0-9a-f]{64}$/);
    const scoped = await proposeRename(files, { symbol: "total", options: { rename_to: "sum" }, scope: { paths: ["b.ts"] } });
    expect(scoped.edits.map((e) => e.path)).toEqual(["b.ts"]);
  });
});
