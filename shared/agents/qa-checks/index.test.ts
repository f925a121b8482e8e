import { describe, expect, it } from "vitest";
import type { ProjectFile } from "../types.ts";
import { checkProject, where } from "./index.ts";

const SLOW = 60_000;

/** A minimal valid Vite + React app. */
function app(overrides: Record<string, string> = {}): ProjectFile[] {
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ dependencies: { react: "^19.2.0", "react-dom": "^19.2.0", "react-router-dom": "^7.9.0" }, scripts: { build: "tsc --noEmit && vite build" } }),
    "index.html": '<!doctype html>\n<html>\n  <body>\n    <div id="root"></div>\n    <script type="module" src="/src/main.tsx"></script>\n  </body>\n</html>\n',
    "src/main.tsx": 'import { createRoot } from "react-dom/client";\nimport { App } from "./App";\nimport "./styles.css";\n\ncreateRoot(document.getElementById("root")!).render(<App />);\n',
    "src/App.tsx": 'import { useState } from "react";\nimport { Counter } from "./Counter";\n\nexport function App() {\n  const [count, setCount] = useState(0);\n  return <Counter value={count} onIncrement={() => setCount(count + 1)} />;\n}\n',
    "src/Counter.tsx": "export function Counter({ value, onIncrement }: { value: number; onIncrement: () => void }) {\n  return <button onClick={onIncrement}>{value.toFixed(0)}</button>;\n}\n",
    "src/styles.css": "body {\n  margin: 0;\n}\n",
    ...overrides,
  };
  return Object.entries(files).map(([path, content]) => ({ path, content, language: "typescript" }));
}

const critical = (files: ProjectFile[]) => checkProject(files).then((report) => report.findings.filter((f) => f.severity === "critical"));

describe("checkProject", () => {
  it("passes a valid app: parses every file, reaches every module from index.html, type checks", async () => {
    const report = await checkProject(app());
    expect(report.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(report.stats).toMatchObject({ files: 6, parsed: 6, reachable: 4, typeChecked: true });
  }, SLOW);

  it("reports a syntax error as critical with file and line", async () => {
    const found = await critical(app({ "src/Counter.tsx": "export function Counter() {\n  return (\n    <button>\n  );\n}\n" }));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ check: "parse", file: "src/Counter.tsx" });
    expect(found[0]!.line).toBeGreaterThanOrEqual(3);
    expect(where(found[0]!)).toMatch(/^src\/Counter\.tsx:\d+:\d+$/);
  }, SLOW);

  it("reports an import of a missing file with the importing line", async () => {
    const found = await critical(app({ "src/App.tsx": 'import { useState } from "react";\nimport { Counter } from "./components/Counter";\n\nexport function App() {\n  const [n, setN] = useState(0);\n  return <Counter value={n} onIncrement={() => setN(n + 1)} />;\n}\n' }));
    expect(found).toContainEqual(expect.objectContaining({ check: "resolve", file: "src/App.tsx", line: 2, message: expect.stringContaining('"./components/Counter"') }));
  }, SLOW);

  it("reports a package that package.json does not list", async () => {
    const found = await critical(app({ "src/Counter.tsx": 'import clsx from "clsx";\n\nexport function Counter({ value, onIncrement }: { value: number; onIncrement: () => void }) {\n  return <button className={clsx("a")} onClick={onIncrement}>{value}</button>;\n}\n' }));
    expect(found).toContainEqual(expect.objectContaining({ check: "resolve", file: "src/Counter.tsx", line: 1, message: expect.stringContaining('"clsx"') }));
  }, SLOW);

  it("reports type errors: a wrong prop and a wrong assignment", async () => {
    const found = await critical(app({ "src/App.tsx": 'import { Counter } from "./Counter";\n\nexport function App() {\n  const label: number = "three";\n  return <Counter value={label} onIncrement="no" />;\n}\n' }));
    expect(found.map((f) => `${f.check} ${f.file}:${f.line}`)).toEqual(expect.arrayContaining(["types src/App.tsx:4", "types src/App.tsx:5"]));
  }, SLOW);

  it("reports broken JSON and CSS with their lines, and a missing entry", async () => {
    const found = await critical([
      ...app({ "tsconfig.json": '{\n  "compilerOptions": {\n    "strict": true,\n  \n' , "src/styles.css": "body {\n  margin: 0;\n\n.a { color: red; }\n" }).filter((f) => f.path !== "index.html"),
    ]);
    expect(found).toContainEqual(expect.objectContaining({ check: "parse", file: "tsconfig.json" }));
    expect(found).toContainEqual(expect.objectContaining({ check: "parse", file: "src/styles.css", line: 1 }));
    expect(found).toContainEqual(expect.objectContaining({ check: "bundle", file: "index.html" }));
  }, SLOW);

  it("rates unused names and members our package typings lack as warnings, not critical", async () => {
    const report = await checkProject(app({ "src/Counter.tsx": 'import { useOptimistic } from "react";\n\nexport function Counter({ value, onIncrement }: { value: number; onIncrement: () => void }) {\n  const unused = 1;\n  void useOptimistic;\n  return <button onClick={onIncrement}>{value}</button>;\n}\n' }));
    expect(report.findings.filter((f) => f.severity === "critical")).toEqual([]);
    expect(report.findings.filter((f) => f.severity === "warning").map((f) => f.line)).toEqual(expect.arrayContaining([1, 4]));
  }, SLOW);

  it("skips the type check, and says so, where the lib files cannot be read", async () => {
    const report = await checkProject(app({ "src/App.tsx": 'export function App() {\n  const n: number = "x";\n  return <p>{n}</p>;\n}\n' }), { readLibFile: () => undefined });
    expect(report.stats.typeChecked).toBe(false);
    expect(report.findings.filter((f) => f.severity === "critical")).toEqual([]);
    expect(report.findings).toContainEqual(expect.objectContaining({ severity: "info", check: "types" }));
  }, SLOW);

  it("refuses paths that leave the project and duplicate paths", async () => {
    const found = await critical([...app(), { path: "../escape.ts", content: "export {};", language: "typescript" }, { path: "./src/styles.css", content: "", language: "css" }]);
    expect(found.filter((f) => f.check === "manifest").map((f) => f.file)).toEqual(expect.arrayContaining(["../escape.ts", "src/styles.css"]));
  }, SLOW);
});
