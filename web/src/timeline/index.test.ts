import { describe, expect, it } from "vitest";
import { describeEvent, emptyTimeline, jobTimeline, jobsNewestFirst, MAX_STAGE_TEXT, replayCursor, timelineReducer, type JobEventRow, type JobRow, type TimelineAction, type TimelineState } from "./index.ts";

const T0 = Date.parse("2026-03-01T10:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

function job(overrides: Partial<JobRow> = {}): JobRow {
  return {
    id: "job-1", project_id: "p-1", agent_type: "pipeline", status: "queued", progress: 0, stage: null, completed_stages: [],
    result: null, error: null, created_at: at(0), started_at: null, completed_at: null, updated_at: at(0), ...overrides,
  };
}

let nextId = 1;
function event(seq: number, fields: Partial<JobEventRow> & { ms?: number } = {}): JobEventRow {
  const { ms = seq * 100, ...rest } = fields;
  return { id: nextId++, job_id: "job-1", seq, kind: "event", level: null, type: "note", message: null, data: {}, created_at: at(ms), ...rest };
}
const started = (seq: number, stage: string, ms?: number) => event(seq, { type: "stage_started", data: { stage, attempt: 0 }, ...(ms === undefined ? {} : { ms }) });
const completed = (seq: number, stage: string, progress: number, ms?: number) => event(seq, { type: "stage_completed", data: { stage, progress }, ...(ms === undefined ? {} : { ms }) });
const log = (seq: number, message: string) => event(seq, { kind: "log", level: "info", type: null, message });

const run = (actions: TimelineAction[], state: TimelineState = emptyTimeline) => actions.reduce(timelineReducer, state);

describe("timelineReducer", () => {
  it("keeps each event once when a replay overlaps live deliveries", () => {
    const live = [started(1, "research"), log(2, "reading the idea")];
    const replay = [started(1, "research"), log(2, "reading the idea"), completed(3, "research", 20)];
    const state = run([{ type: "events", rows: live }, { type: "events", rows: replay }, { type: "events", rows: [completed(3, "research", 20)] }]);
    expect(state.events["job-1"]!.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it("orders events by seq whatever order they arrive in", () => {
    const state = run([{ type: "events", rows: [log(3, "c")] }, { type: "events", rows: [log(1, "a"), log(2, "b")] }]);
    expect(state.events["job-1"]!.map((e) => e.message)).toEqual(["a", "b", "c"]);
  });

  it("returns the same state when nothing new arrives, so React skips a render", () => {
    const state = run([{ type: "events", rows: [log(1, "a")] }, { type: "jobs", rows: [job()] }]);
    expect(timelineReducer(state, { type: "events", rows: [log(1, "a")] })).toBe(state);
    expect(timelineReducer(state, { type: "jobs", rows: [job({ status: "running", updated_at: at(-5) })] })).toBe(state);
  });

  it("keeps the newer job row when an older update arrives late", () => {
    const state = run([
      { type: "jobs", rows: [job({ status: "completed", progress: 100, updated_at: at(5000) })] },
      { type: "jobs", rows: [job({ status: "running", progress: 40, updated_at: at(2000) })] },
    ]);
    expect(state.jobs["job-1"]).toMatchObject({ status: "completed", progress: 100 });
  });

  it("forgets a deleted job with its events and text", () => {
    const state = run([{ type: "jobs", rows: [job()] }, { type: "events", rows: [log(1, "a")] }, { type: "text", jobId: "job-1", stage: "research", text: "x" }, { type: "job_deleted", id: "job-1" }]);
    expect(state).toEqual(emptyTimeline);
  });

  it("appends broadcast text per stage and keeps only its tail", () => {
    let state = run([{ type: "text", jobId: "job-1", stage: "code", text: "const a" }, { type: "text", jobId: "job-1", stage: "code", text: " = 1;" }]);
    expect(state.text["job-1"]!.code).toBe("const a = 1;");
    state = timelineReducer(state, { type: "text", jobId: "job-1", stage: "code", text: "x".repeat(MAX_STAGE_TEXT) });
    expect(state.text["job-1"]!.code).toHaveLength(MAX_STAGE_TEXT);
    expect(state.text["job-1"]!.code!.endsWith("x")).toBe(true);
  });
});

describe("replayCursor", () => {
  it("is 0 for a job with no events", () => {
    expect(replayCursor(emptyTimeline, "job-1")).toBe(0);
  });

  it("stops before a gap so the replay refills it", () => {
    const state = run([{ type: "events", rows: [log(1, "a"), log(2, "b"), log(5, "e")] }]);
    expect(replayCursor(state, "job-1")).toBe(2);
    expect(replayCursor(run([{ type: "events", rows: [log(3, "c"), log(4, "d")] }], state), "job-1")).toBe(5);
  });
});

describe("jobTimeline", () => {
  it("shows the pipeline's four stages pending before any event", () => {
    const view = jobTimeline(run([{ type: "jobs", rows: [job()] }]), "job-1")!;
    expect(view.stages.map((s) => [s.name, s.state])).toEqual([["research", "pending"], ["wireframe", "pending"], ["code", "pending"], ["qa", "pending"]]);
    expect(view.isActive).toBe(true);
  });

  it("marks finished stages done with their duration and the running one with time so far", () => {
    const state = run([
      { type: "jobs", rows: [job({ status: "running", stage: "wireframe", completed_stages: ["research"], progress: 20, updated_at: at(1500) })] },
      { type: "events", rows: [started(1, "research", 0), log(2, "reading"), completed(3, "research", 20, 1200), started(4, "wireframe", 1300)] },
      { type: "text", jobId: "job-1", stage: "wireframe", text: "{\"site_map\":" },
    ]);
    const view = jobTimeline(state, "job-1", T0 + 2000)!;
    expect(view.stages[0]).toMatchObject({ name: "research", state: "done", durationMs: 1200, progress: 20 });
    expect(view.stages[1]).toMatchObject({ name: "wireframe", state: "running", durationMs: 700 });
    expect(view.stages[2]).toMatchObject({ name: "code", state: "pending", durationMs: null });
    expect(view.live).toEqual({ stage: "wireframe", text: "{\"site_map\":" });
    expect(view.log.map((l) => l.text)).toEqual(["Research started", "reading", "Research finished", "Wireframe started"]);
  });

  it("offers the questions of a job waiting for input, radio options kept", () => {
    const questions = [{ id: "audience", question: "Who uses it?", options: ["Just me", "My team"] }, { id: "notes", question: "Anything else?" }];
    const state = run([
      { type: "jobs", rows: [job({ status: "waiting_for_input", result: { questions } })] },
      { type: "events", rows: [started(1, "research"), event(2, { type: "clarification_requested", data: { stage: "research", questions: 2 } })] },
    ]);
    const view = jobTimeline(state, "job-1")!;
    expect(view.questions).toEqual([{ ...questions[0], options: ["Just me", "My team"] }, { id: "notes", question: "Anything else?", options: null }]);
    expect(view.stages[0]!.state).toBe("waiting");
    expect(view.log[1]!.text).toBe("Waiting for your answers (2 questions)");
  });

  it("shows the interrupted stage cancelled and later ones pending when a job is cancelled", () => {
    const state = run([
      { type: "jobs", rows: [job({ status: "cancelled", completed_stages: ["research"], completed_at: at(900) })] },
      { type: "events", rows: [started(1, "research"), completed(2, "research", 20), started(3, "wireframe"), event(4, { type: "job_cancelled" })] },
    ]);
    const view = jobTimeline(state, "job-1")!;
    expect(view.stages.map((s) => s.state)).toEqual(["done", "cancelled", "pending", "pending"]);
    expect(view.isActive).toBe(false);
    expect(view.log.at(-1)).toMatchObject({ tone: "warn", text: "Job cancelled" });
  });

  it("shows the failing stage failed with the error in the log", () => {
    const state = run([
      { type: "jobs", rows: [job({ status: "failed", error: "code: boom" })] },
      { type: "events", rows: [started(1, "research"), completed(2, "research", 20), started(3, "wireframe"), completed(4, "wireframe", 40), started(5, "code"), event(6, { type: "job_failed", data: { error: "code: boom" } })] },
    ]);
    const view = jobTimeline(state, "job-1")!;
    expect(view.stages.map((s) => s.state)).toEqual(["done", "done", "failed", "pending"]);
    expect(view.log.at(-1)).toMatchObject({ tone: "error", text: "Job failed: code: boom" });
  });

  it("shows the fix loop's attempts and passes as stages after QA, with the sandbox's steps in words", () => {
    const state = run([
      { type: "jobs", rows: [job({ status: "running", stage: "sandbox_tests_attempt_2", completed_stages: ["research", "wireframe", "code", "qa", "sandbox_tests_attempt_1", "reviewer_pass_1"] })] },
      { type: "events", rows: [
        started(1, "sandbox_tests_attempt_1"), event(2, { type: "command_run", data: { command: "sandbox", status: "failed", attempt: 1, reason: "route / threw" } }),
        completed(3, "sandbox_tests_attempt_1", 90), started(4, "reviewer_pass_1"), completed(5, "reviewer_pass_1", 90), started(6, "sandbox_tests_attempt_2"),
        event(7, { type: "command_run", data: { command: "route", status: "passed", route: "/clients" } }), event(8, { type: "fix_stopped", data: { pass: 2, reason: "no_change" } }),
      ] },
    ]);
    const view = jobTimeline(state, "job-1")!;
    expect(view.stages.slice(4).map((s) => [s.name, s.state])).toEqual([["sandbox_tests_attempt_1", "done"], ["reviewer_pass_1", "done"], ["sandbox_tests_attempt_2", "running"]]);
    expect(view.log.map((l) => l.text)).toEqual(expect.arrayContaining([
      "Sandbox tests attempt 1 started", "Sandbox attempt 1: failed (route / threw)", "Reviewer pass 1 finished", "Route /clients: passed", "Fixing stopped after attempt 2: the fix changed nothing",
    ]));
  });

  it("lists a single agent's stages, including those it ran first", () => {
    const state = run([
      { type: "jobs", rows: [job({ agent_type: "code", status: "running", stage: "code", completed_stages: ["wireframe"] })] },
      { type: "events", rows: [started(1, "wireframe"), completed(2, "wireframe", 33), started(3, "code")] },
    ]);
    expect(jobTimeline(state, "job-1")!.stages.map((s) => [s.name, s.state])).toEqual([["wireframe", "done"], ["code", "running"]]);
  });

  it("times a stage resumed after clarification from its last start", () => {
    const state = run([
      { type: "jobs", rows: [job({ status: "running", stage: "wireframe", completed_stages: ["research"] })] },
      { type: "events", rows: [started(1, "research", 0), event(2, { type: "job_waiting_for_input", ms: 100 }), started(3, "research", 60_000), completed(4, "research", 20, 60_400)] },
    ]);
    expect(jobTimeline(state, "job-1")!.stages[0]).toMatchObject({ state: "done", durationMs: 400 });
  });

  it("is null for a job it does not hold", () => {
    expect(jobTimeline(emptyTimeline, "nope")).toBeNull();
  });
});

describe("jobsNewestFirst", () => {
  it("sorts a project's jobs newest first", () => {
    const state = run([{ type: "jobs", rows: [job({ id: "a", created_at: at(0) }), job({ id: "b", created_at: at(10) }), job({ id: "c", project_id: "other", created_at: at(20) })] }]);
    expect(jobsNewestFirst(state, "p-1").map((j) => j.id)).toEqual(["b", "a"]);
  });
});

describe("describeEvent", () => {
  it("says which patterns a design took or left out, and why", () => {
    expect(describeEvent(event(1, { type: "pattern_rejected", data: { name: "Bakery Inventory", reason: "shares none of the app's records" } })).text)
      .toBe("Left out the pattern “Bakery Inventory”: shares none of the app's records");
    expect(describeEvent(event(2, { type: "pattern_taken", data: { name: "Service business CRM with scheduling", reason: "shares client, invoice" } })).text)
      .toBe("Building on the pattern “Service business CRM with scheduling”: shares client, invoice");
    expect(describeEvent(event(3, { type: "pattern_score_lowered", data: { name: "Bakery Inventory", reason: "an app built on it failed: QA did not pass" } })).tone).toBe("warn");
  });

  it("says what a fix pass changed to make the app match its requirements", () => {
    const data = { pass: 1, added: ["src/pages/BookingsPage.tsx", "src/pages/BookingsPage.test.tsx"], removed: ["src/pages/RecipesPage.tsx", "src/components/RecipesPanel.tsx"] };
    expect(describeEvent(event(4, { type: "fidelity_revised", data })).text).toBe("Fix pass 1: made the app match its requirements (added Bookings, removed Recipes)");
  });
});
