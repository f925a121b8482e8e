import { afterAll, describe, expect, it } from "vitest";
import { plannedRoutes } from "../../shared/agents/file-plan.ts";
import type { AgentModel } from "../../shared/agents/index.ts";
import { createOfflineAgentModel } from "../../shared/offline/model.ts";
import type { ReviewerArtifact } from "../../shared/pipeline/fix-loop.ts";
import type { SandboxArtifact } from "../../shared/pipeline/fix-failures.ts";
import { verdict } from "../../sandbox/checks.ts";
import { inject, type FaultClass } from "../../sandbox/corpus/index.ts";
import { Sandbox } from "../../sandbox/index.ts";
import { drive, type Check } from "../shared/fix-loop-harness.ts";

const sandbox = new Sandbox({ timeoutMs: 60_000 });
afterAll(() => sandbox.close());

/** The sandbox runner's part without the database: run the files, judge them, keep what finish_sandbox_run stores. */
const realSandbox: Check = async (files, { wireframe, requirements }, attempt) => {
  const report = await sandbox.run([...files].map(([path, content]) => ({ path, content })), { routes: plannedRoutes(wireframe).map((r) => r.path) });
  const v = verdict(report, requirements);
  const routes = report.routes.map(({ screenshot: _png, ...route }) => route);
  return {
    agent: "sandbox", run_id: `run-${attempt}`, attempt, screenshot_paths: [],
    status: report.status === "limit" ? "limit" : v.passed ? "passed" : "failed",
    output: { ...report, routes, verdict: v } as unknown as SandboxArtifact["output"],
  };
};

/** Which check reports each fault (sandbox/corpus/faults.ts). */
const CHECK: Record<string, string> = { "type-error": "build", "render-exception": "routes", "dead-link": "links", "failing-test": "tests" };

/**
 * The offline model, scripted like a model that writes broken code first: its pages get a type
 * error, a render exception and a dead link, a page test a wrong expectation. Shown the failures,
 * it rewrites a file it broke back to what it meant, when the failures name that kind of problem.
 */
function breakingModel(): AgentModel & { broken: Map<string, FaultClass> } {
  const offline = createOfflineAgentModel();
  const broken = new Map<string, FaultClass>();
  const intended = new Map<string, string>();
  const pageFaults: FaultClass[] = ["type-error", "render-exception", "dead-link"];
  const model = {
    name: "scripted-breaker", source: "llm" as const, broken,
    async run(task: "code", input: never, context?: never) {
      const answer = await offline.run(task, input, context);
      const file = (input as { file?: { path: string } }).file;
      const change = (input as { change?: { instruction: string; current: string } }).change;
      if (task !== "code" || !file) return answer;
      const output = answer.output as { code: string };
      if (change) {
        const fault = broken.get(file.path);
        const shown = fault && change.instruction.includes(`[${CHECK[fault]}]`);
        return { ...answer, output: { ...output, code: shown ? intended.get(file.path)! : change.current } };
      }
      const isTest = file.path.endsWith(".test.tsx");
      const kind = isTest ? (/\.toBe\("/.test(output.code) && ![...broken.values()].includes("failing-test") ? "failing-test" : undefined)
        : /^src\/pages\/\w+Page\.tsx$/.test(file.path) ? pageFaults.find((k) => ![...broken.values()].includes(k)) : undefined;
      if (!kind) return answer;
      try {
        const code = inject([{ path: file.path, content: output.code }], kind, 0).files[0]!.content;
        if (code === output.code) return answer;
        broken.set(file.path, kind);
        intended.set(file.path, output.code);
        return { ...answer, output: { ...output, code } };
      } catch {
        return answer;
      }
    },
  };
  return model as unknown as AgentModel & { broken: Map<string, FaultClass> };
}

describe("the fix loop against the real sandbox", () => {
  it("finds a type error, a throwing route, a dead link and a failing test, has them fixed, and passes on attempt 2", async () => {
    const model = breakingModel();
    const started = performance.now();
    const run = await drive(model, realSandbox);
    console.log(`pipeline + 2 sandbox attempts + 1 fix pass: ${Math.round(performance.now() - started)} ms`);
    expect([...model.broken.values()].sort()).toEqual(["dead-link", "failing-test", "render-exception", "type-error"]);

    const first = run.outputs.sandbox_tests_attempt_1 as SandboxArtifact;
    expect(first.status).toBe("failed");
    expect(first.output.verdict!.checks.filter((c) => !c.passed).map((c) => c.check).sort()).toEqual(["build", "links", "routes", "tests"]);
    const pass = run.outputs.reviewer_pass_1 as ReviewerArtifact;
    // Each broken file was found from its failure (file, route or the failing test's file) and rewritten.
    expect(pass.output.map((f) => f.file_path).sort()).toEqual([...model.broken.keys()].sort());
    expect(pass.failures.find((f) => f.check === "tests")?.source).toMatch(/\bit\(/);

    expect(run.stages.slice(4)).toEqual(["sandbox_tests_attempt_1", "reviewer_pass_1", "sandbox_tests_attempt_2"]);
    expect(run.result.passed).toBe(true);
    expect(run.result.sandbox).toMatchObject({ attempts: 2, fixes: 1, failures: [] });
  }, 180_000);
});
