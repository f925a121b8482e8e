import { describe, expect, it } from "vitest";
import { planFiles } from "../agents/file-plan.ts";
import type { AgentModel } from "../agents/index.ts";
import { checkFidelity } from "../agents/qa-checks/fidelity.ts";
import { offlineCodeFile } from "../offline/code/index.ts";
import { listedEntities } from "../offline/idea-lists.ts";
import { createOfflineAgentModel } from "../offline/model.ts";
import { offlineResearch } from "../offline/research.ts";
import { listPath, offlineWireframe, profileOfRequirements } from "../offline/wireframe.ts";
import type { RequirementsDoc } from "../protocol/index.ts";
import { fidelityFailures, reviseForFidelity, type AppState } from "./fidelity-fix.ts";
import type { QAResult, WireframeSpec } from "../protocol/index.ts";
import type { SandboxArtifact } from "./fix-failures.ts";
import type { ReviewerArtifact } from "./fix-loop.ts";
import { drive, type Check } from "../../tests/shared/fix-loop-harness.ts";

const SLOW = 60_000;

/**
 * The offline model, scripted like a model that strays from the requirements: its site map gains a
 * /recipes page (no record of a yoga studio), and its App.tsx drops the /bookings route. Shown
 * failures, it answers as `mode` says: as the offline engine does, or by changing nothing.
 */
function strayingModel(mode: "offline" | "noop"): AgentModel {
  const offline = createOfflineAgentModel();
  const model = {
    name: "scripted-stray", source: "llm" as const,
    async run(task: string, input: never, context?: never) {
      const answer = await offline.run(task as "code", input, context);
      if (task === "wireframe") {
        const spec = answer.output as unknown as WireframeSpec;
        const recipes = { path: "/recipes", description: "Recipes from another app.", components: [{ name: "RecipesPanel", props: ["title", "children"], children: [] }] };
        return { ...answer, output: { ...spec, site_map: [...spec.site_map, recipes] } };
      }
      const file = (input as { file?: { path: string } }).file;
      const change = (input as { change?: { current: string } }).change;
      if (task !== "code" || !file) return answer;
      if (change && mode === "noop") return { ...answer, output: { ...(answer.output as object), code: change.current } };
      if (change || file.path !== "src/App.tsx") return answer;
      const code = (answer.output as { code: string }).code.split("\n").filter((line) => !line.includes('path="/bookings"')).join("\n");
      return { ...answer, output: { ...(answer.output as object), code } };
    },
  };
  return model as unknown as AgentModel;
}

/** A green sandbox: whatever the app is, every check passes (fidelity is not its business). */
const green: Check = (_files, _app, attempt) => ({
  agent: "sandbox", run_id: `run-${attempt}`, attempt, status: "passed", screenshot_paths: [],
  output: { verdict: { passed: true, checks: [{ check: "build", passed: true, failures: [] }] }, tests: [{ status: "passed" }], routes: [] },
});

const routesOf = (files: Map<string, string>) => [...(files.get("src/App.tsx") ?? "").matchAll(/path="([^"]+)"/g)].map((m) => m[1]);

describe("fidelity misses in the fix loop", () => {
  it("QA names each miss with its check, kind and subject; the loop fixes them on a green sandbox: /bookings back, /recipes gone", async () => {
    const run = await drive(strayingModel("offline"), green);
    const qa = (run.outputs.qa as { output: QAResult }).output;
    const fidelity = qa.issues.filter((issue) => issue.check === "fidelity");
    expect(fidelity.map((issue) => [issue.kind, issue.subject])).toEqual(expect.arrayContaining([["missing_entity", "booking"], ["foreign_page", "/recipes"]]));
    expect(qa.passed).toBe(true);

    expect(run.stages).toEqual(["research", "wireframe", "code", "qa", "sandbox_tests_attempt_1", "reviewer_pass_1", "sandbox_tests_attempt_2"]);
    const pass = run.outputs.reviewer_pass_1 as ReviewerArtifact;
    expect(pass.failures.filter((f) => f.check === "fidelity").map((f) => f.kind).sort()).toEqual(["foreign_page", "missing_entity"]);
    expect(pass.removed).toEqual(expect.arrayContaining(["src/pages/RecipesPage.tsx", "src/components/RecipesPanel.tsx"]));
    expect(pass.wireframe!.site_map.map((p) => p.path)).not.toContain("/recipes");
    expect(run.events).toContain("fidelity_revised");
    expect(run.manifests).toEqual(["reviewer_pass_1"]);

    expect(routesOf(run.files)).toContain("/bookings");
    expect(routesOf(run.files)).not.toContain("/recipes");
    expect([...run.files.keys()].filter((path) => /Recipe/.test(path))).toEqual([]);
    expect((run.outputs.sandbox_tests_attempt_2 as SandboxArtifact).status).toBe("passed");
    expect(run.result.passed).toBe(true);
    expect(run.result.sandbox).toMatchObject({ attempts: 2, fixes: 1, failures: [] });
  }, SLOW);

  it("keeps result.passed false while a miss remains, and stops at the loop's limits", async () => {
    const run = await drive(strayingModel("noop"), green);
    // The foreign page's files go in pass 1, but the scripted model never rewrites App.tsx: pass 2 changes nothing.
    expect(run.stages).toEqual(["research", "wireframe", "code", "qa", "sandbox_tests_attempt_1", "reviewer_pass_1", "sandbox_tests_attempt_2", "reviewer_pass_2"]);
    expect((run.outputs.reviewer_pass_1 as ReviewerArtifact).removed).toContain("src/pages/RecipesPage.tsx");
    expect(run.result.passed).toBe(false);
    expect(run.result.sandbox!.stopped).toBe("no_change");
    expect(run.result.sandbox!.failures).toEqual(expect.arrayContaining([expect.objectContaining({ check: "fidelity", kind: "missing_entity", subject: "booking" })]));

    const limited = await drive(strayingModel("offline"), green, { sandbox: true }, { maxFixAttempts: 1 });
    expect(limited.stages.at(-1)).toBe("reviewer_pass_1");
    expect(limited.result.passed).toBe(false);
    expect(limited.result.sandbox!.stopped).toBe("limit");

    const off = await drive(strayingModel("offline"), green, { sandbox: false });
    expect(off.stages).toEqual(["research", "wireframe", "code", "qa"]);
    expect(off.result.passed).toBe(false);
  }, SLOW);
});

const FLEET = "a fleet maintenance log for a delivery company: vans, drivers, services and fuel receipts";

/** The offline engine's app for `requirements`, every file written from the site map. */
function build(requirements: RequirementsDoc, wireframe = offlineWireframe({ requirements, project_type: "operations", patterns: [] })): AppState {
  const plan = planFiles(wireframe);
  const files = plan.map((file) => offlineCodeFile({ requirements, wireframe, plan, file })).map((f) => ({ path: f.file_path, content: f.code, language: f.language }));
  return { requirements, wireframe, files };
}

describe("a fix pass's revision for fidelity misses", () => {
  it("gives the requirements a record the idea names and the app its page: vans and fuel receipts come back", () => {
    const full = offlineResearch({ user_idea: FLEET });
    const dropped = build({ ...full, core_features: full.core_features.filter((f) => !/Fuel Receipts|Van /.test(f.name)) });
    const failures = fidelityFailures(FLEET, dropped);
    expect(failures.map((f) => [f.kind, f.subject])).toEqual([["uncovered_entity", "van"], ["uncovered_entity", "fuel receipt"]]);

    const revision = reviseForFidelity(dropped, failures);
    expect(profileOfRequirements(revision.requirements).entities.map((e) => e.name)).toEqual(expect.arrayContaining(["van", "fuel receipt", "driver", "service"]));
    expect(revision.wireframe.site_map.map((p) => p.path)).toEqual(expect.arrayContaining(["/vans", "/fuel-receipts"]));
    expect(revision.added.map((f) => f.path)).toEqual(expect.arrayContaining(["src/pages/VansPage.tsx", "src/pages/FuelReceiptsPage.tsx"]));
    expect(revision.targets).toContain("src/App.tsx");
    expect(fidelityFailures(FLEET, build(revision.requirements, revision.wireframe))).toEqual([]);
  });

  it("holds an idea that lists nothing to the requirements' own records: each needs its page", () => {
    const idea = "an app to help me run my dog walking business";
    expect(listedEntities(idea)).toEqual([]);
    const app = build(offlineResearch({ user_idea: idea }));
    const records = profileOfRequirements(app.requirements).entities.map((e) => e.name);
    expect(records.length).toBeGreaterThan(1);
    const dropped = records[1]!;
    const files = app.files.map((f) => (f.path === "src/App.tsx" ? { ...f, content: f.content.split("\n").filter((l) => !l.includes(`path="${listPath({ name: dropped })}"`)).join("\n") } : f));
    expect(checkFidelity({ idea, ...app, files }).map((f) => [f.kind, f.subject])).toEqual([["missing_entity", dropped]]);
  });
});
