import { describe, expect, it } from "vitest";
import { planFiles } from "../file-plan.ts";
import { offlineCodeFile } from "../../offline/code/index.ts";
import { offlineResearch } from "../../offline/research.ts";
import { reviseWireframe } from "../../offline/revisions.ts";
import { offlineWireframe } from "../../offline/wireframe.ts";
import type { RequirementsDoc, WireframeSpec } from "../../protocol/index.ts";
import type { ProjectFile } from "../types.ts";
import { checkFidelity } from "./fidelity.ts";

const FLEET = "a fleet maintenance log for a delivery company: vans, drivers, services and fuel receipts";

function app(idea: string, requirements: RequirementsDoc = offlineResearch({ user_idea: idea })): { requirements: RequirementsDoc; wireframe: WireframeSpec; files: ProjectFile[] } {
  const wireframe = offlineWireframe({ requirements, project_type: "operations", patterns: [] });
  const plan = planFiles(wireframe);
  const files = plan.map((file) => offlineCodeFile({ requirements, wireframe, plan, file })).map((f) => ({ path: f.file_path, content: f.code, language: f.language }));
  return { requirements, wireframe, files };
}
const messages = (findings: ReturnType<typeof checkFidelity>) => findings.map((f) => `${f.file}: ${f.message} → ${f.suggestion}`);

describe("QA's fidelity check", () => {
  it("finds nothing wrong with the offline engine's app for the fleet idea", () => {
    expect(checkFidelity({ idea: FLEET, ...app(FLEET) })).toEqual([]);
  });

  it("flags a record of the requirements without a route, with the route to add", () => {
    const built = app(FLEET);
    const files = built.files.map((f) => (f.path === "src/App.tsx" ? { ...f, content: f.content.replace(/<Route path="\/fuel-receipts"[^>]*\/>/, "") } : f));
    const findings = checkFidelity({ idea: FLEET, ...built, files });
    expect(messages(findings)).toEqual(['src/App.tsx: the requirements\' record "fuel receipt" has no page. → Add a route /fuel-receipts listing fuel receipts with a form to add one.']);
    expect(findings[0]).toMatchObject({ severity: "warning", check: "fidelity" });
  });

  it("flags a record's page that has no form or no list", () => {
    const built = app(FLEET);
    const files = built.files.map((f) => (/VanForm\.tsx$/.test(f.path) ? { ...f, content: f.content.replace(/<form\b/g, "<div").replace(/onSubmit/g, "onClick") } : f));
    expect(messages(checkFidelity({ ...built, files }))).toEqual([expect.stringContaining("the van page has no form")]);
  });

  it("flags a page about a record the requirements lack (another app's pattern leaking in)", () => {
    const built = app(FLEET);
    const files = built.files.map((f) => (f.path === "src/App.tsx" ? { ...f, content: f.content.replace('<Route path="/vans"', '<Route path="/ingredients" element={null} />\n        <Route path="/vans"') } : f));
    expect(messages(checkFidelity({ idea: FLEET, ...built, files }))).toEqual([
      "src/App.tsx: the page /ingredients is about something the requirements do not have. → Remove /ingredients, or add what it shows to the requirements as a feature.",
    ]);
  });

  it("takes a page about something a feature of the requirements mentions as theirs (/calendar for a calendar of services)", () => {
    const built = app(FLEET);
    const requirements = { ...built.requirements, core_features: [...built.requirements.core_features, { name: "Planning", description: "A calendar of upcoming services.", priority: "should-have" as const }] };
    const files = built.files.map((f) => (f.path === "src/App.tsx" ? { ...f, content: f.content.replace('<Route path="/vans"', '<Route path="/calendar" element={null} />\n        <Route path="/vans"') } : f));
    expect(checkFidelity({ idea: FLEET, ...built, requirements, files })).toEqual([]);
  });

  it("leaves a page the owner asked for in design review alone", () => {
    const built = app(FLEET);
    const wireframe = reviseWireframe(built.wireframe, ["Add a reports page for monthly totals"]);
    const plan = planFiles(wireframe);
    const files = plan.map((file) => offlineCodeFile({ requirements: built.requirements, wireframe, plan, file })).map((f) => ({ path: f.file_path, content: f.code, language: f.language }));
    expect(files.find((f) => f.path === "src/App.tsx")!.content).toContain('"/reports"');
    expect(checkFidelity({ idea: FLEET, ...built, wireframe, files })).toEqual([]);
  });

  it("flags records the idea names that the requirements dropped", () => {
    const requirements = offlineResearch({ user_idea: FLEET });
    const dropped = { ...requirements, core_features: requirements.core_features.filter((f) => !/Fuel Receipts|Van /.test(f.name)) };
    const findings = checkFidelity({ idea: FLEET, ...app(FLEET, dropped) });
    expect(messages(findings)).toEqual([
      "requirements: the idea names vans, but the requirements have no van record. → Add a must-have feature for vans to the requirements, then a page /vans.",
      "requirements: the idea names fuel receipts, but the requirements have no fuel receipt record. → Add a must-have feature for fuel receipts to the requirements, then a page /fuel-receipts.",
    ]);
  });
});
