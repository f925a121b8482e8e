import { describe, expect, it } from "vitest";
import { checkProject } from "../agents/qa-checks/index.ts";
import { planFiles } from "../agents/file-plan.ts";
import { createOfflineAgentModel } from "./model.ts";
import { offlineResearch } from "./research.ts";

const model = createOfflineAgentModel();
const requirements = offlineResearch({ user_idea: "A CRM for dog walkers: clients, their dogs, scheduled walks and invoices" });
const design = async (revisions?: string[]) =>
  (await model.run("wireframe", { requirements, project_type: "crm", patterns: [], ...(revisions ? { revisions } : {}) })).output;

describe("the offline engine after review", () => {
  it("adds a requested page and notes each design comment, the same way every time", async () => {
    const before = await design();
    const after = await design(["Please add a reports page for monthly totals"]);
    expect(after.site_map.map((p) => p.path)).toEqual([...before.site_map.map((p) => p.path), "/reports"]);
    expect(after.global_state_needs.at(-1)).toBe("design review: Please add a reports page for monthly totals");
    expect(await design(["Please add a reports page for monthly totals"])).toEqual(after);
  });

  it("writes the feature comments into the README and the App, and the revised app still type-checks", async () => {
    const wireframe = await design(["Add a reports page"]);
    const plan = planFiles(wireframe);
    expect(plan.some((f) => f.route === "/reports")).toBe(true);
    const revisions = ["Show the invoice total in the header"];
    const files = [];
    for (const file of plan) files.push((await model.run("code", { requirements, wireframe, plan, file, revisions })).output);
    expect(files.find((f) => f.file_path === "README.md")!.code).toContain("## Changes from review\n\n- Show the invoice total in the header");
    expect(files.find((f) => f.file_path === "src/App.tsx")!.code.split("\n")[0]).toBe("// Requested in feature review: Show the invoice total in the header");
    const report = await checkProject(files.map((f) => ({ path: f.file_path, content: f.code, language: f.language })));
    expect(report.findings.filter((f) => f.severity !== "info")).toEqual([]);
  }, 60_000);
});
