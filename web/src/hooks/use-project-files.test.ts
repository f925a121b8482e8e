import { describe, expect, it } from "vitest";
import { buildFileTree } from "./use-project-files.ts";

const file = (path: string) => ({ id: path, path, language: null, version: 1, updated_at: "2026-01-01T00:00:00Z" });

describe("buildFileTree", () => {
  it("nests files in their folders, folders first, each alphabetical", () => {
    const tree = buildFileTree(["src/pages/Home.tsx", "package.json", "src/App.tsx", "index.html", "src/components/Card.tsx"].map(file));
    const outline = (nodes: ReturnType<typeof buildFileTree>, depth = 0): string[] =>
      nodes.flatMap((node) => [`${"  ".repeat(depth)}${node.name}${node.file ? "" : "/"}`, ...outline(node.children, depth + 1)]);
    expect(outline(tree)).toEqual(["src/", "  components/", "    Card.tsx", "  pages/", "    Home.tsx", "  App.tsx", "index.html", "package.json"]);
    expect(tree[0]!.children[2]!.file!.path).toBe("src/App.tsx");
  });
});
