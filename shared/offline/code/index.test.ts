import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { checkProject } from "../../agents/qa-checks/index.ts";
import { planFiles } from "../../agents/file-plan.ts";
import { createInMemoryDeps } from "../../pipeline/offline-deps.ts";
import { patternQueryText } from "../../agents/wireframe.ts";
import { classifyProjectType } from "../../agents/project-type.ts";
import type { CodeGenerationResult } from "../../protocol/index.ts";
import { offlineResearch } from "../research.ts";
import { offlineWireframe } from "../wireframe.ts";
import { offlineCodeFile } from "./index.ts";
import { collectionVar } from "./app-model.ts";

const repoNodeModules = fileURLToPath(new URL("../../../node_modules", import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The offline engine's app for `idea`, with the patterns the pipeline would retrieve. */
async function generate(idea: string): Promise<CodeGenerationResult[]> {
  const deps = createInMemoryDeps();
  const requirements = offlineResearch({ user_idea: idea });
  const query = patternQueryText(requirements);
  const [embedding] = await deps.embed([query]);
  const patterns = await deps.retrievePatterns(embedding!, classifyProjectType(query), 3);
  const wireframe = offlineWireframe({ requirements, project_type: classifyProjectType(query), patterns });
  const plan = planFiles(wireframe);
  return plan.map((file) => offlineCodeFile({ requirements, wireframe, plan, file }));
}

/** Writes the app to a temporary folder whose node_modules is the repository's (real react, react-router-dom, @types/react, vite). */
function writeApp(files: CodeGenerationResult[]): string {
  const dir = mkdtempSync(join(tmpdir(), "codeforge-app-"));
  dirs.push(dir);
  symlinkSync(repoNodeModules, join(dir, "node_modules"), "dir");
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.file_path)), { recursive: true });
    writeFileSync(join(dir, file.file_path), file.code);
  }
  return dir;
}

/** `tsc -p tsconfig.json --noEmit` through the compiler API: the generated tsconfig, real packages' types. */
function typeCheck(dir: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(dir, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, " ")); } })!;
  const program = ts.createProgram(config.fileNames, config.options);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName.slice(dir.length + 1) ?? ""}:${d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
}

const IDEAS = ["A CRM for dog walkers", "a fleet maintenance log for a delivery company: vans, drivers, services and fuel receipts", "An app to track loans of books to students", "A marketplace for renting camping gear between neighbours", "todo", "🐶📅💰", "一个帮助小餐馆管理预订的应用", "online course platform for yoga teachers", "class", "tennis league: players, matches, courts, constructor kits"];

describe("the offline engine's app", () => {
  it("is a complete Vite + React + TypeScript app: manifest, entry, router, one page per route, shared components, styles", async () => {
    const files = await generate("A CRM for dog walkers");
    const paths = files.map((f) => f.file_path);
    expect(paths).toEqual(expect.arrayContaining(["package.json", "index.html", "tsconfig.json", "vite.config.ts", "src/main.tsx", "src/App.tsx", "src/styles.css", "src/data/models.ts", "src/pages/ClientsPage.tsx", "src/pages/WalksPage.tsx", "src/pages/InvoicesPage.tsx", "src/pages/DogsPage.tsx", "src/components/WalkForm.tsx"]));
    const pkg = JSON.parse(files.find((f) => f.file_path === "package.json")!.code);
    expect(Object.keys(pkg.dependencies)).toEqual(["react", "react-dom", "react-router-dom"]);
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(["vite", "@vitejs/plugin-react", "typescript"]));
    const app = files.find((f) => f.file_path === "src/App.tsx")!.code;
    for (const path of ["/", "/clients", "/clients/:id", "/walks", "/invoices", "/dogs"]) expect(app).toContain(`path="${path}"`);
    expect(files.find((f) => f.file_path === "src/data/models.ts")!.code).toMatch(/export type Walk = \{[^}]*date: string;/);
  });

  it("writes its tests: one file beside each page, a navigation test, the setup, and an `npm test` script", async () => {
    const files = await generate("A CRM for dog walkers");
    const code = (path: string) => files.find((f) => f.file_path === path)!.code;
    const pages = files.filter((f) => /^src\/pages\/\w+\.tsx$/.test(f.file_path) && !f.file_path.endsWith(".test.tsx"));
    for (const page of pages) expect(files.map((f) => f.file_path)).toContain(page.file_path.replace(/\.tsx$/, ".test.tsx"));
    const pkg = JSON.parse(code("package.json"));
    expect(pkg.scripts.test).toBe("vitest run");
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(["vitest", "@testing-library/react", "@testing-library/dom", "happy-dom"]));
    expect(code("vite.config.ts")).toContain('environment: "happy-dom"');
    const clients = code("src/pages/ClientsPage.test.tsx");
    expect(clients).toContain('renderRoute("/clients")');
    expect(clients).toContain('"Maya Chen"');
    expect(clients).toMatch(/it\("adds a client with the form"/);
    expect(clients).toMatch(/it\("filters clients by search"/);
    expect(code("src/pages/ClientDetailPage.test.tsx")).toContain('renderRoute("/clients/clients-1")');
    expect(code("src/App.test.tsx")).toContain('path: "/walks"');
  });

  it.each(IDEAS)("type checks with tsc and the real React types, and bundles with esbuild: %j", async (idea) => {
    const files = await generate(idea);
    const dir = writeApp(files);
    expect(typeCheck(dir)).toEqual([]);
    const result = await build({ entryPoints: [join(dir, "src/main.tsx")], bundle: true, write: false, outdir: join(dir, "dist"), jsx: "automatic", logLevel: "silent", absWorkingDir: dir });
    expect(result.errors).toEqual([]);
    const js = result.outputFiles.find((f) => f.path.endsWith(".js"))!.text;
    expect(js).toContain("createRoot");
    expect(result.outputFiles.some((f) => f.path.endsWith(".css"))).toBe(true);
    // The QA agent's own checks agree.
    const report = await checkProject(files.map((f) => ({ path: f.file_path, content: f.code, language: f.language })));
    expect(report.findings.filter((f) => f.severity !== "info")).toEqual([]);
  }, 60_000);

  it("gives a record the idea relates to others a field naming each: a loan's book and student", async () => {
    const models = (await generate("An app to track loans of books to students")).find((f) => f.file_path === "src/data/models.ts")!.code;
    expect(models).toMatch(/export type Loan = \{[^}]*book: string;[^}]*student: string;/);
  });

  it("names a collection apart from the page's own identifiers: a match's list beside the `matches` search helper", () => {
    expect(collectionVar("matches")).toBe("matchesList");
    expect(collectionVar("params")).toBe("paramsList");
    expect(collectionVar("clients")).toBe("clients");
  });

  it("is the same for the same idea", async () => {
    expect(await generate("A CRM for dog walkers")).toEqual(await generate("A CRM for dog walkers"));
  });
});
