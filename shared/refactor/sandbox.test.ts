import { describe, expect, it } from "vitest";
import type { SandboxArtifact } from "../pipeline/fix-failures.ts";
import type { RefactorProposal } from "../protocol/index.ts";
import { withProposal, withSandboxVerdict } from "./sandbox.ts";

const proposal: RefactorProposal = {
  summary: "Move the form",
  edits: [
    { path: "src/Form.tsx", action: "create", base_version: null, base_hash: null, new_content: "export const Form = 1;\n", occurrences: 1 },
    { path: "src/Old.tsx", action: "delete", base_version: 1, base_hash: "a".repeat(64), new_content: null, occurrences: 1 },
  ],
  check: { passed: true, type_checked: true, findings: [] },
};

const run = (attempt: number, failures: { check: string; message: string; route?: string }[], status: SandboxArtifact["status"] = failures.length ? "failed" : "passed"): SandboxArtifact => ({
  agent: "sandbox", run_id: `run-${attempt}`, attempt, status, screenshot_paths: [],
  output: { verdict: { passed: !failures.length, checks: failures.map(({ check, ...f }) => ({ check, passed: false, failures: [f] })) } },
});
const outputs = (baseline: SandboxArtifact, proposed: SandboxArtifact) => ({ sandbox_tests_attempt_1: baseline, sandbox_tests_attempt_2: proposed });

describe("a refactor proposal's sandbox verdict", () => {
  it("applies the edits over the project's files: created and modified files take their content, deleted ones go", () => {
    expect(withProposal([{ path: "src/Old.tsx", content: "old" }, { path: "src/App.tsx", content: "app" }], proposal)).toEqual([
      { path: "src/App.tsx", content: "app" },
      { path: "src/Form.tsx", content: "export const Form = 1;\n" },
    ]);
  });

  it("counts only what fails with the proposal and not without it", () => {
    const known = { check: "tests", message: "expected 2 rows" };
    const added = { check: "routes", route: "/clients", message: "TypeError: x is undefined" };
    const checked = withSandboxVerdict(proposal, outputs(run(1, [known]), run(2, [known, added])));
    expect(checked.check).toEqual({ passed: false, type_checked: true, sandbox: "failed", findings: [{ check: "sandbox:routes", file: "route /clients", message: added.message }] });
    expect(withSandboxVerdict(proposal, outputs(run(1, [known]), run(2, [known]))).check).toMatchObject({ passed: true, sandbox: "passed", findings: [] });
  });

  it("records a run no runner took as not run, refusing nothing", () => {
    const missed = { ...run(2, []), status: "error" as const, output: { reason: "no sandbox runner finished the run within 300 s" } };
    expect(withSandboxVerdict(proposal, outputs(run(1, []), missed)).check).toEqual({ ...proposal.check, sandbox: "not_run" });
  });

  it("leaves a proposal the static check refused, or one not run, as it is", () => {
    expect(withSandboxVerdict(proposal, {})).toBe(proposal);
  });
});
