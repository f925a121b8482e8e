/** @module What a fix pass works from: a sandbox attempt's (and QA's) failures, the files they point at, and the instruction for the code agent. */
import { planFiles } from "../agents/file-plan.ts";
import type { ProjectFile } from "../agents/index.ts";
import type { FidelityKind, QAResult, WireframeSpec } from "../protocol/index.ts";

/** A sandbox attempt as its stage keeps it (written by finish_sandbox_run, or by the stage when the wait ran out). */
export interface SandboxArtifact {
  agent: "sandbox";
  run_id: string;
  attempt: number;
  status: "passed" | "failed" | "limit" | "error";
  screenshot_paths: string[];
  /** The runner's results: the sandbox report and its verdict (sandbox/checks.ts), or just a reason. */
  output: {
    reason?: string;
    verdict?: { passed: boolean; checks: { check: string; passed: boolean; failures: Omit<Failure, "check">[] }[] };
    tests?: { status: string }[];
    routes?: { route: string; rendered: boolean; exceptions?: string[]; errorBoundary?: string }[];
  };
}

/** One problem to fix, with where it is when known. */
export interface Failure {
  check: string;
  message: string;
  file?: string;
  line?: number;
  route?: string;
  /** A failed test's source. */
  source?: string;
  /** A fidelity miss's kind and the record or route it is about. */
  kind?: FidelityKind;
  subject?: string;
}

/** The problems of an attempt: its failed checks, the run's reason when it had no verdict, and QA's critical issues when given. */
export function failuresOf(sandbox: SandboxArtifact, qa?: QAResult): Failure[] {
  const verdict = sandbox.output.verdict;
  const found: Failure[] = verdict
    ? verdict.checks.flatMap((c) => c.failures.map((f) => ({ ...f, check: c.check })))
    : sandbox.status === "passed" ? [] : [{ check: "sandbox", message: sandbox.output.reason ?? `the sandbox run ended as ${sandbox.status}` }];
  if (qa && !qa.passed) {
    for (const issue of qa.issues.filter((i) => i.severity === "critical")) found.push({ check: "qa", message: `${issue.description} (${issue.suggestion})` });
  }
  return found;
}

const normalise = (path: string) => path.replace(/^\.?\//, "");

/** Whether a visited path (`/clients/1`) is an instance of route `pattern` (`/clients/:id`). */
function instanceOf(pattern: string, path: string): boolean {
  const [a, b] = [pattern.split("/"), path.split(/[?#]/)[0]!.split("/")];
  return a.length === b.length && a.every((part, i) => part.startsWith(":") ? b[i] !== "" : part === b[i]);
}

/** The file a build error names as the module it imports from (`Module '"../components/Card"' has no exported member …`, TS2305 and TS2724). */
function importedFile(failure: Failure, paths: Set<string>): string | undefined {
  const spec = failure.file && failure.message.match(/'"(\.{1,2}\/[^"]+)"'/)?.[1];
  if (!spec) return undefined;
  const parts = normalise(failure.file!).split("/").slice(0, -1);
  for (const part of spec.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  const base = parts.join("/");
  return [base, `${base}.tsx`, `${base}.ts`, `${base}/index.tsx`, `${base}/index.ts`].find((candidate) => paths.has(candidate));
}

/** The project files the failures point at: their files, a module they import from, a failing test's subject, a failing route's page (at most 6). */
export function filesToFix(failures: Failure[], files: ProjectFile[], wireframe: WireframeSpec): string[] {
  const paths = new Set(files.map((f) => f.path));
  const pages = planFiles(wireframe).filter((f) => f.kind === "page");
  const picked = new Set<string>();
  for (const failure of failures) {
    if (failure.file) {
      const file = normalise(failure.file);
      if (paths.has(file)) picked.add(file);
      const subject = file.replace(/\.test\.(tsx?)$/, ".$1");
      if (subject !== file && paths.has(subject)) picked.add(subject);
      const imported = importedFile(failure, paths);
      if (imported) picked.add(imported);
    }
    const page = failure.route && (pages.find((p) => p.route === failure.route) ?? pages.find((p) => instanceOf(p.route!, failure.route!)));
    if (page && paths.has(page.path)) picked.add(page.path);
  }
  return [...picked].slice(0, 6);
}

const MAX_INSTRUCTION = 5000;

/** The code agent's instruction: each failure with its place and, for a test, its source. */
export function fixInstruction(failures: Failure[]): string {
  const lines = failures.map((f) => {
    const where = [f.file && `${f.file}${f.line ? `:${f.line}` : ""}`, f.route && `route ${f.route}`].filter(Boolean).join(", ");
    return `- [${f.check}] ${where ? `${where}: ` : ""}${f.message}${f.source ? `\n  The failing test:\n${f.source}` : ""}`;
  });
  const fidelity = failures.some((f) => f.check === "fidelity") ? ", or compared with its requirements" : "";
  const text = `Fix these problems found when the app was type-checked, built, tested and run in a browser${fidelity}. Change only what is needed.\n${lines.join("\n")}`;
  return text.length > MAX_INSTRUCTION ? `${text.slice(0, MAX_INSTRUCTION - 1)}…` : text;
}

/** A hash of a set of files (paths and contents, order-free), to spot a revision that repeats an earlier state. */
export async function filesHash(files: ProjectFile[]): Promise<string> {
  const text = [...files].sort((a, b) => a.path.localeCompare(b.path)).map((f) => `${f.path}\u0000${f.content}`).join("\u0001");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
