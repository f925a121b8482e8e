/**
 * @module Deterministic fault injectors for the sandbox's fault corpus: each breaks a generated
 * app in one way a model's code breaks, and names the check that must catch it.
 */
import type { AppFile } from "../bundle.ts";
import type { CheckResult } from "../checks.ts";

export const FAULT_CLASSES = ["type-error", "render-exception", "failing-test", "dead-link", "console-error", "missing-export"] as const;
export type FaultClass = (typeof FAULT_CLASSES)[number];

/** An injected fault: what changed, and the check that must fail. */
export interface Fault {
  kind: FaultClass;
  file: string;
  detail: string;
  expect: CheckResult["check"];
}

const PAGE = /^src\/pages\/(\w+)\.tsx$/;
const BODY = /export function (\w+)\(\) \{\n/;

/** Page files (not tests) in path order; `seed` picks one deterministically. */
function pick<T>(items: T[], seed: number): T {
  if (items.length === 0) throw new Error("fault corpus: the app has nothing to inject into");
  return items[seed % items.length]!;
}

/** Inserts `code` as the first statement of the page component in `file`. */
function atPageStart(files: AppFile[], seed: number, code: (page: string) => string): { files: AppFile[]; file: string } {
  const pages = files.filter((f) => PAGE.test(f.path) && BODY.test(f.content));
  const target = pick(pages, seed);
  const changed = target.content.replace(BODY, (line, name: string) => `${line}  ${code(name)}\n`);
  return { files: files.map((f) => (f === target ? { ...f, content: changed } : f)), file: target.path };
}

/**
 * `files` with one fault of `kind` injected (which file: by `seed`).
 * @example inject(app.files, "dead-link", 3).fault // { kind: "dead-link", file: "src/pages/HomePage.tsx", expect: "links", … }
 */
export function inject(files: AppFile[], kind: FaultClass, seed: number): { files: AppFile[]; fault: Fault } {
  switch (kind) {
    case "type-error": {
      const out = atPageStart(files, seed, () => 'const pageSize: number = "twenty";\n  void pageSize;');
      return { files: out.files, fault: { kind, file: out.file, detail: "a string assigned to a number", expect: "build" } };
    }
    case "render-exception": {
      const out = atPageStart(files, seed, (name) => `if (Date.now() > 0) throw new Error("${name} could not read its settings");`);
      return { files: out.files, fault: { kind, file: out.file, detail: "the page throws while rendering", expect: "routes" } };
    }
    case "console-error": {
      const out = atPageStart(files, seed, (name) => `console.error("${name}: the saved filters are corrupt");`);
      return { files: out.files, fault: { kind, file: out.file, detail: "the page logs an error while rendering", expect: "routes" } };
    }
    case "dead-link": {
      const pages = files.filter((f) => PAGE.test(f.path) && f.content.includes('<section className="page">'));
      const target = pick(pages, seed);
      const content = target.content.replace('<section className="page">', '<section className="page">\n      <a href="/archive/old-records">Older records</a>');
      return { files: files.map((f) => (f === target ? { ...f, content } : f)), fault: { kind, file: target.path, detail: "a link to /archive/old-records, which is no route", expect: "links" } };
    }
    case "failing-test": {
      const tests = files.filter((f) => /\.test\.tsx$/.test(f.path) && /\.toBe\("[^"]*"\)/.test(f.content));
      const target = pick(tests, seed);
      const content = target.content.replace(/\.toBe\("([^"]*)"\)/, '.toBe("$1 (renamed)")');
      return { files: files.map((f) => (f === target ? { ...f, content } : f)), fault: { kind, file: target.path, detail: "a test expects a heading the page does not show", expect: "tests" } };
    }
    case "missing-export": {
      const components = files.filter((f) => /^src\/components\/\w+\.tsx$/.test(f.path) && !f.path.endsWith("Layout.tsx"));
      const imported = components.filter((c) => {
        const name = c.path.slice("src/components/".length, -".tsx".length);
        return files.some((f) => f !== c && f.content.includes(`import { ${name} }`));
      });
      const target = pick(imported.length ? imported : components, seed);
      const name = target.path.slice("src/components/".length, -".tsx".length);
      const content = target.content.replace(`export function ${name}(`, `export function ${name}View(`);
      return { files: files.map((f) => (f === target ? { ...f, content } : f)), fault: { kind, file: target.path, detail: `${name} is renamed ${name}View; its importers still import ${name}`, expect: "build" } };
    }
  }
}
