import { describe, expect, it } from "vitest";
import { planFiles } from "../agents/file-plan.ts";
import type { AgentModel } from "../agents/index.ts";
import { createOfflineAgentModel } from "../offline/model.ts";
import type { Failure, SandboxArtifact } from "./fix-failures.ts";
import type { ReviewerArtifact } from "./fix-loop.ts";
import { drive, type Check } from "../../tests/shared/fix-loop-harness.ts";

const SLOW = 60_000;
const FAULTS = ["type", "runtime", "test", "link"] as const;
type Fault = (typeof FAULTS)[number];


/** How the scripted model answers a fix: repair what it is shown, change nothing, or keep rewriting without fixing. */
type FixMode = "repair" | "noop" | "churn" | "flip";

/**
 * The offline model, scripted: its first code writes one fault of each kind into four pages
 * (the fourth's test file gets the failing test); shown a failure, it acts as `mode` says.
 */
function scriptedModel(mode: FixMode): AgentModel & { fixes: string[] } {
  const offline = createOfflineAgentModel();
  const fixes: string[] = [];
  let pages = 0;
  const model = {
    name: "scripted-repairer", source: "llm" as const, fixes,
    async run(task: string, input: never, context?: never) {
      const answer = await offline.run(task as "code", input, context);
      const file = (input as { file?: { path: string; kind: string } }).file;
      const change = (input as { change?: { instruction: string; current: string } }).change;
      if (task !== "code" || !file) return answer;
      if (change) {
        fixes.push(file.path);
        const current = change.current;
        const code = mode === "noop" ? current
          : mode === "churn" ? `${current}\n// still looking (${fixes.length})`
          : mode === "flip" ? (current.includes("// flipped") ? current.replace("\n// flipped", "") : `${current}\n// flipped`)
          : current.split("\n").filter((line) => !FAULTS.some((f) => line.includes(`FAULT:${f}`) && change.instruction.includes(`FAULT:${f}`))).join("\n");
        return { ...answer, output: { ...(answer.output as object), code } };
      }
      const isPage = file.kind === "page" && !file.path.endsWith(".test.tsx");
      const fault = isPage ? FAULTS[pages++] : undefined;
      if (!fault) return answer;
      const code = (answer.output as { code: string }).code;
      return { ...answer, output: { ...(answer.output as object), code: `${code}\n// FAULT:${fault}` } };
    },
  };
  return model as unknown as AgentModel & { fixes: string[] };
}

/** A stand-in for the sandbox runner: each `FAULT:` marker is the failure its check would report, with its place. */
const fake: Check = (files, { wireframe }, attempt) => {
  const routeOf = new Map(planFiles(wireframe).filter((f) => f.kind === "page").map((f) => [f.path, f.route!]));
  const found: Record<string, Omit<Failure, "check">[]> = { build: [], routes: [], links: [], features: [], tests: [] };
  for (const [path, content] of files) {
    const line = content.split("\n").findIndex((l) => l.includes("FAULT:")) + 1;
    const fault = content.match(/FAULT:(\w+)/)?.[1] as Fault | undefined;
    if (!fault) continue;
    const route = routeOf.get(path)!;
    if (fault === "type") found.build!.push({ message: "types: Type 'number' is not assignable to type 'string'. FAULT:type", file: path, line });
    if (fault === "runtime") found.routes!.push({ message: `${route} threw: TypeError: rows is undefined FAULT:runtime`, route });
    if (fault === "test") found.tests!.push({ message: "renders its heading: expected 'Classes' FAULT:test", file: path.replace(/\.tsx$/, ".test.tsx"), line: 3, source: "it('renders its heading', () => { … })" });
    if (fault === "link") found.links!.push({ message: `/nowhere (linked from ${route}) is no route of the app FAULT:link`, route });
  }
  const checks = Object.entries(found).map(([name, failures]) => ({ check: name, passed: failures.length === 0, failures }));
  const passed = checks.every((c) => c.passed);
  return {
    agent: "sandbox", run_id: `run-${attempt}`, attempt, status: passed ? "passed" : "failed", screenshot_paths: [],
    output: { verdict: { passed, checks }, tests: [{ status: "passed" }, { status: found.tests!.length ? "failed" : "passed" }], routes: [...routeOf.values()].map((route) => ({ route, rendered: true })) },
  };
};

const BASE = ["research", "wireframe", "code", "qa"];

describe("the fix loop", () => {
  it("repairs a type error, a throwing route, a failing test and a dead link when shown them: passed after 2 attempts", async () => {
    const model = scriptedModel("repair");
    const run = await drive(model, fake);
    expect(run.stages).toEqual([...BASE, "sandbox_tests_attempt_1", "reviewer_pass_1", "sandbox_tests_attempt_2"]);
    const first = run.outputs.sandbox_tests_attempt_1 as SandboxArtifact;
    expect(first.output.verdict!.checks.filter((c) => !c.passed).map((c) => c.check).sort()).toEqual(["build", "links", "routes", "tests"]);
    const pass = run.outputs.reviewer_pass_1 as ReviewerArtifact;
    expect(pass.failures.map((f) => f.check).sort()).toEqual(["build", "links", "routes", "tests"]);
    expect(pass.failures.find((f) => f.check === "tests")?.source).toContain("renders its heading");
    // Only the files the failures point at were revised (the failing test's own file and its page).
    expect(model.fixes.length).toBeLessThanOrEqual(5);
    expect(pass.output).toHaveLength(4);
    expect(run.manifests).toEqual(["reviewer_pass_1"]);
    expect([...run.files.values()].some((content) => content.includes("FAULT:"))).toBe(false);
    expect(run.result.passed).toBe(true);
    expect(run.result.sandbox).toMatchObject({ attempts: 2, fixes: 1, failures: [], summary: "Tests: 2 passed · 5 routes render · fixed in 1 attempt" });
    expect(run.events).toContain("file_updated");
  }, SLOW);

  it("stops at max_fix_attempts with passed false and the failures that remain", async () => {
    const run = await drive(scriptedModel("churn"), fake);
    expect(run.stages.slice(4)).toEqual(["sandbox_tests_attempt_1", "reviewer_pass_1", "sandbox_tests_attempt_2", "reviewer_pass_2", "sandbox_tests_attempt_3", "reviewer_pass_3"]);
    expect((run.outputs.reviewer_pass_3 as ReviewerArtifact).stopped).toBe("limit");
    expect(run.result.passed).toBe(false);
    expect(run.result.sandbox).toMatchObject({ attempts: 3, fixes: 2, stopped: "limit" });
    expect(run.result.sandbox!.failures.map((f) => f.message).join(" ")).toMatch(/FAULT:type[\s\S]*FAULT:runtime|FAULT:runtime[\s\S]*FAULT:type/);

    const short = await drive(scriptedModel("churn"), fake, { sandbox: true }, { maxFixAttempts: 1 });
    expect(short.stages.slice(4)).toEqual(["sandbox_tests_attempt_1", "reviewer_pass_1"]);
    expect(short.result.sandbox).toMatchObject({ attempts: 1, stopped: "limit" });

    // "Try to fix again" raises the job's own limit (retry_fix_loop sets params.max_fix_attempts) above the project's.
    const retried = await drive(scriptedModel("churn"), fake, { sandbox: true, max_fix_attempts: 2 }, { maxFixAttempts: 1 });
    expect(retried.result.sandbox).toMatchObject({ attempts: 2, stopped: "limit" });
  }, SLOW);

  it("stops on a revision that changes nothing, and on one that repeats an earlier version", async () => {
    const noop = await drive(scriptedModel("noop"), fake);
    expect(noop.stages.slice(4)).toEqual(["sandbox_tests_attempt_1", "reviewer_pass_1"]);
    expect(noop.result.sandbox).toMatchObject({ attempts: 1, stopped: "no_change" });
    expect(noop.result.passed).toBe(false);
    expect(noop.manifests).toEqual([]);

    const flip = await drive(scriptedModel("flip"), fake);
    expect(flip.stages.slice(4)).toEqual(["sandbox_tests_attempt_1", "reviewer_pass_1", "sandbox_tests_attempt_2", "reviewer_pass_2"]);
    expect(flip.result.sandbox).toMatchObject({ attempts: 2, stopped: "repeat" });
    expect(flip.manifests).toEqual(["reviewer_pass_1"]);
  }, SLOW);

  it("goes on without a revision when no runner ran the attempt, and leaves the loop out when the job says sandbox: false", async () => {
    const timeout = await drive(scriptedModel("repair"), fake, { sandbox: true }, { timeout: true });
    expect(timeout.stages.slice(4)).toEqual(["sandbox_tests_attempt_1"]);
    expect(timeout.result.passed).toBe(false);
    expect(timeout.result.sandbox!.failures[0]!.message).toMatch(/no sandbox runner/);

    const off = await drive(scriptedModel("repair"), fake, { sandbox: false });
    expect(off.stages).toEqual(BASE);
    expect(off.result.sandbox).toBeUndefined();
  }, SLOW);
});
