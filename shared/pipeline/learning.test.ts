import { describe, expect, it } from "vitest";
import type { JobRow, StageContext } from "../jobs/types.ts";
import { offlineResearch } from "../offline/research.ts";
import { offlineWireframe } from "../offline/wireframe.ts";
import type { QAResult, WireframeSpec } from "../protocol/index.ts";
import { judgePatterns } from "../patterns/relevance.ts";
import { FAILURE_PENALTY, learnFromQa } from "./learning.ts";
import { createInMemoryDeps } from "./offline-deps.ts";

const row = { id: "00000000-0000-4000-8000-000000000001", project_id: "00000000-0000-4000-8000-000000000002" } as JobRow;

function contextWith(patterns: { id: string; name: string }[]) {
  const events: { type: string; data?: Record<string, unknown> }[] = [];
  const context = {
    job: row, outputs: { wireframe: { patterns } }, signal: new AbortController().signal,
    log: async () => {}, event: async (type: string, data?: Record<string, unknown>) => void events.push({ type, ...(data ? { data } : {}) }), stream: () => {},
  } as unknown as StageContext;
  return { context, events };
}

const requirements = offlineResearch({ user_idea: "A CRM for dog walkers: clients, their dogs, scheduled walks and invoices" });
const wireframe = offlineWireframe({ requirements, project_type: "crm", patterns: [] });
const passed: QAResult = { passed: true, issues: [], summary: "ok" };
const failed: QAResult = { passed: false, issues: [{ severity: "critical", description: "src/App.tsx:1 broken", suggestion: "fix" }], summary: "broken" };
const serviceCrm = { id: "library-6", name: "Service business CRM with scheduling" };
const scoreOf = async (deps: ReturnType<typeof createInMemoryDeps>, name: string) =>
  (await deps.retrievePatterns((await deps.embed([name]))[0]!, null, 50)).find((p) => p.metadata.name === name)!.success_score;

describe("the learning loop", () => {
  it("lowers the success_score of the patterns an app that failed QA was built on, and stores nothing", async () => {
    const deps = createInMemoryDeps();
    const before = await scoreOf(deps, serviceCrm.name);
    const { context, events } = contextWith([serviceCrm]);
    expect(await learnFromQa(deps, context, { requirements, wireframe, result: failed, projectType: "crm", model: "m", remember: true })).toBe(false);
    expect(await scoreOf(deps, serviceCrm.name)).toBeCloseTo(before! - FAILURE_PENALTY, 5);
    expect(events.map((e) => e.type)).toEqual(["pattern_score_lowered", "pattern_not_stored"]);
    expect(events[0]!.data).toMatchObject({ id: "library-6", reason: "an app built on it failed: QA did not pass" });
    expect(deps.stored).toEqual([]);
  });

  it("stops passing on a pattern whose apps keep failing", async () => {
    const deps = createInMemoryDeps();
    const records = ["client", "dog", "walk", "invoice"];
    const judged = async () => judgePatterns((await deps.retrievePatterns((await deps.embed([serviceCrm.name]))[0]!, null, 50)).filter((p) => p.metadata.name === serviceCrm.name), records)[0]!;
    expect(await judged()).toMatchObject({ taken: true });
    for (let i = 0; i < 5; i++) await learnFromQa(deps, contextWith([serviceCrm]).context, { requirements, wireframe, result: failed, projectType: "crm", model: "m", remember: true });
    expect(await judged()).toMatchObject({ taken: false, reason: expect.stringContaining("apps built on it failed") });
  });

  it("does not store a passed app whose pages are not about its requirements, and counts it against its pattern", async () => {
    const deps = createInMemoryDeps();
    const offTopic: WireframeSpec = { ...wireframe, site_map: [...wireframe.site_map, ...["/ingredients", "/recipes", "/suppliers"].map((path) => ({ path, description: "bakery", components: [] }))] };
    const { context, events } = contextWith([serviceCrm]);
    expect(await learnFromQa(deps, context, { requirements, wireframe: offTopic, result: passed, projectType: "crm", model: "m", remember: true })).toBe(false);
    expect(events.find((e) => e.type === "pattern_not_stored")!.data).toMatchObject({ reason: expect.stringMatching(/^fidelity 0\.\d+ is under 0\.9$/), off_topic: ["/ingredients", "/recipes", "/suppliers"] });
    expect(events.some((e) => e.type === "pattern_score_lowered")).toBe(true);
  });

  it("stores a passed, faithful app once and leaves its patterns' scores alone", async () => {
    const deps = createInMemoryDeps();
    const before = await scoreOf(deps, serviceCrm.name);
    const first = contextWith([serviceCrm]);
    expect(await learnFromQa(deps, first.context, { requirements, wireframe, result: passed, projectType: "crm", model: "m", remember: true })).toBe(true);
    expect(first.events.map((e) => e.type)).toEqual(["pattern_stored"]);
    expect(deps.stored[0]!.metadata.entities).toEqual(["client", "dog", "walk", "invoice"]);
    const second = contextWith([]);
    expect(await learnFromQa(deps, second.context, { requirements, wireframe, result: passed, projectType: "crm", model: "m", remember: true })).toBe(false);
    expect(second.events[0]).toMatchObject({ type: "pattern_not_stored", data: { reason: expect.stringContaining("near-duplicate") } });
    expect(await scoreOf(deps, serviceCrm.name)).toBe(before);
  });
});
