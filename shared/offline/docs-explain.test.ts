import { describe, expect, it } from "vitest";
import { offlineDocs } from "./docs.ts";
import { offlineExplain } from "./explain.ts";
import { outlineSource } from "./source-outline.ts";

const HOOK = `/** @module A hook keeping a list in state. */
import { useEffect, useState } from "react";

/** A record with an id. */
export type Identified = { id: string };

/**
 * One collection in state, saved under \`key\`.
 * @example const walks = useCollection("walks", []);
 */
export function useCollection<T extends Identified>(key: string, initial: T[]) {
  const [items, setItems] = useState<T[]>(initial);
  useEffect(() => {
    localStorage.setItem(key, JSON.stringify(items));
  }, [key, items]);
  return { items, add: (item: T) => setItems((current) => [...current, item]) };
}

export const LIMIT = 10;
`;

const files = [
  { path: "package.json", content: JSON.stringify({ name: "walks", scripts: { dev: "vite", build: "tsc && vite build" }, dependencies: { react: "19" } }), language: "json" },
  { path: "src/use-collection.ts", content: HOOK, language: "typescript" },
  { path: "src/App.tsx", content: `import { Route, Routes } from "react-router-dom";\nexport function App() {\n  return <Routes><Route path="/" element={<p />} /><Route path="/walks/:id" element={<p />} /></Routes>;\n}\n`, language: "typescript" },
];

describe("outlineSource", () => {
  it("finds exports with their kind, line and doc comment, the imports and the routes", () => {
    const outline = outlineSource(HOOK);
    expect(outline.summary).toBe("A hook keeping a list in state.");
    expect(outline.exports.map((e) => [e.name, e.kind, e.line])).toEqual([["Identified", "type", 5], ["useCollection", "hook", 11], ["LIMIT", "const", 19]]);
    expect(outline.exports[1]!.doc).toBe("One collection in state, saved under `key`.");
    expect(outline.imports).toEqual(["react"]);
    expect(outlineSource(files[2]!.content).routes).toEqual(["/", "/walks/:id"]);
  });
});

describe("offline docs", () => {
  it("writes a README from the manifest, routes and every file's exports", () => {
    const docs = offlineDocs({ files, app_name: "Walks" });
    expect(docs.path).toBe("README.md");
    expect(docs.markdown).toContain("# Walks");
    expect(docs.markdown).toContain("npm run build   # tsc && vite build");
    expect(docs.markdown).toContain("- `/walks/:id`");
    expect(docs.markdown).toContain("- `src/use-collection.ts` — A hook keeping a list in state.");
    expect(docs.markdown).toContain("#### `useCollection` (hook, line 11)");
    expect(docs).toEqual(offlineDocs({ files, app_name: "Walks" }));
  });

  it("documents one file on docs/<path>.md", () => {
    const docs = offlineDocs({ files, file_path: "src/use-collection.ts" });
    expect(docs.path).toBe("docs/src/use-collection.md");
    expect(docs.summary).toBe("src/use-collection.ts exports Identified, useCollection, LIMIT.");
    expect(docs.markdown).toContain("export function useCollection<T extends Identified>(key: string, initial: T[])");
  });
});

describe("offline explain", () => {
  it("explains what a range declares, uses and where it sits", () => {
    const inside = offlineExplain({ file_path: "src/use-collection.ts", language: "typescript", content: HOOK, line_start: 12, line_end: 15, question: "Why useEffect?" });
    expect(inside.summary).toBe("Lines 12–15 of `src/use-collection.ts` are part of `useCollection`; use useState, useEffect.");
    expect(inside.answer).toContain("> Why useEffect?");
    expect(inside.answer).toContain("`useEffect` runs a side effect after rendering");
    expect(inside.symbols).toEqual(expect.arrayContaining(["useState", "useEffect"]));
    const declaring = offlineExplain({ file_path: "src/use-collection.ts", language: "typescript", content: HOOK, line_start: 11, line_end: 17 });
    expect(declaring.summary).toContain("declare hook `useCollection`");
  });

  it("clamps a range past the end of the file", () => {
    expect(offlineExplain({ file_path: "a.ts", language: "typescript", content: "const a = 1;\n", line_start: 1, line_end: 99 }).summary).toContain("Lines 1–2");
  });
});
