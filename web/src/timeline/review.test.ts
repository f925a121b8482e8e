import { describe, expect, it } from "vitest";
import { emptyTimeline, jobTimeline, timelineReducer, type JobEventRow, type JobRow, type TimelineAction } from "./index.ts";

const at = (ms: number) => new Date(Date.parse("2026-03-01T10:00:00.000Z") + ms).toISOString();
const job = (overrides: Partial<JobRow>): JobRow => ({
  id: "job-1", project_id: "p-1", agent_type: "pipeline", status: "running", progress: 40, stage: null, completed_stages: [],
  result: null, error: null, created_at: at(0), started_at: at(0), completed_at: null, updated_at: at(0), ...overrides,
});
const event = (seq: number, type: string, data: Record<string, unknown> = {}): JobEventRow =>
  ({ id: seq, job_id: "job-1", seq, kind: "event", level: null, type, message: null, data, created_at: at(seq * 100) });
const view = (row: JobRow, events: JobEventRow[]) =>
  jobTimeline([{ type: "jobs", rows: [row] }, { type: "events", rows: events }].reduce((s, a) => timelineReducer(s, a as TimelineAction), emptyTimeline), "job-1")!;

describe("the timeline at review gates and pauses", () => {
  const reviewed = [
    event(1, "stage_started", { stage: "research" }), event(2, "stage_completed", { stage: "research" }),
    event(3, "stage_started", { stage: "wireframe" }), event(4, "stage_completed", { stage: "wireframe" }),
    event(5, "review_requested", { kind: "design", stage: "wireframe" }),
  ];

  it("shows the reviewed stage awaiting review and the request in words", () => {
    const timeline = view(job({ status: "awaiting_review", review_kind: "design", completed_stages: ["research", "wireframe"] }), reviewed);
    expect(timeline.stages.map((s) => `${s.name}:${s.state}`)).toEqual(["research:done", "wireframe:review", "code:pending", "qa:pending"]);
    expect(timeline.log.at(-1)).toMatchObject({ text: "Waiting for your design review of Wireframe", type: "review_requested", level: null });
    expect(timeline.isActive).toBe(true);
  });

  it("shows a stage rerun after requested changes as running again", () => {
    const events = [...reviewed, event(6, "changes_requested", { stage: "wireframe", comment: "Add a reports page" }), event(7, "stage_started", { stage: "wireframe" })];
    const timeline = view(job({ status: "running", stage: "wireframe", completed_stages: ["research"] }), events);
    expect(timeline.stages.find((s) => s.name === "wireframe")!.state).toBe("running");
    expect(timeline.log.map((l) => l.text)).toContain("Changes requested to Wireframe: “Add a reports page”; running it again");
  });

  it("tells a pause and a resume apart", () => {
    const timeline = view(job({ status: "paused", stage: "research" }), [event(1, "stage_started", { stage: "research" }), event(2, "job_paused", { stage: "research" }), event(3, "job_resumed")]);
    expect(timeline.stages[0]!.state).toBe("running");
    expect(timeline.log.map((l) => l.text)).toEqual(["Research started", "Paused: Research finishes, then the job waits", "Resumed"]);
  });
});
