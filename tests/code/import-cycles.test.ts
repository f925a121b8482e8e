/** @module No import cycles in functions/, shared/, local/, web/src/, sandbox/, tests/, bench/ (type-only imports included), checked with the compiler's own module resolution. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importCycles, importGraph, relativeTo, sourceFiles } from "./import-graph.ts";

const root = resolve(import.meta.dirname, "../..");
const CHECKED = ["functions", "shared", "local", "web/src", "sandbox", "tests", "bench"];

describe("import cycles", () => {
  const files = sourceFiles(root, CHECKED);
  const graph = importGraph(files);

  it("resolves the imports it checks (.ts and .tsx extensions, type-only, re-exports)", () => {
    const edges = (from: string) => (graph.get(join(root, from)) ?? []).map((to) => to.slice(root.length + 1));
    for (const dir of CHECKED) expect(files.some((file) => file.startsWith(join(root, dir) + "/")), dir).toBe(true);
    expect(edges("functions/chat/index.ts")).toContain("functions/chat/routes.ts");
    expect(edges("web/src/routes.tsx")).toContain("web/src/components/app-shell/index.tsx");
    expect(edges("functions/chat/routes.ts")).toContain("functions/_shared/context.ts"); // `import type { FunctionContext }` only
  });

  it("finds none in the repository", () => {
    expect(importCycles(graph).map(relativeTo(root))).toEqual([]);
  });

  describe("on a planted cycle", () => {
    const dir = mkdtempSync(join(tmpdir(), "cycles-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("reports the files of a loop through a type-only import, and nothing else", () => {
      mkdirSync(join(dir, "web"));
      writeFileSync(join(dir, "routes.ts"), `import { send } from "./messages.ts";\nexport interface Deps { env: string }\nexport const route = send;\n`);
      writeFileSync(join(dir, "messages.ts"), `import type { Deps } from "./routes.ts";\nimport { json } from "./http.ts";\nexport const send = (deps: Deps) => json(deps);\n`);
      writeFileSync(join(dir, "http.ts"), `export const json = (value: unknown) => JSON.stringify(value);\n`);
      writeFileSync(join(dir, "web", "page.tsx"), `export { paths } from "./paths.ts";\n`);
      writeFileSync(join(dir, "web", "paths.ts"), `import "./page.tsx";\nexport const paths = {};\n`);
      writeFileSync(join(dir, "self.ts"), `import "./self.ts";\n`);
      const cycles = importCycles(importGraph(sourceFiles(dir, ["."]))).map(relativeTo(dir));
      expect(cycles.sort()).toEqual([["messages.ts", "routes.ts"], ["self.ts"], ["web/page.tsx", "web/paths.ts"]]);
    });
  });
});
