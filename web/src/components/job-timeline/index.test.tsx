// @vitest-environment happy-dom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { emptyTimeline, jobTimeline, timelineReducer, type JobEventRow, type JobRow, type TimelineAction } from "../../timeline/index.ts";
import { JobTimeline } from "./index.tsx";

afterEach(cleanup);

const T0 = Date.parse("2026-03-01T10:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();
const row = (fields: Partial<JobRow>): JobRow => ({
  id: "job-1", project_id: "p-1", agent_type: "pipeline", status: "running", progress: 0, stage: null, completed_stages: [],
  result: null, error: null, created_at: at(0), started_at: at(0), completed_at: null, updated_at: at(0), ...fields,
});
const event = (seq: number, type: string, data: Record<string, unknown> = {}): JobEventRow => ({
  id: seq, job_id: "job-1", seq, kind: "event", level: null, type, message: null, data, created_at: at(seq * 1000),
});

/** Renders the timeline the page would show after `actions`, in that order. */
function show(actions: TimelineAction[]) {
  const state = actions.reduce(timelineReducer, emptyTimeline);
  return render(<JobTimeline timeline={jobTimeline(state, "job-1", T0 + 60_000)!} />);
}
const stateOf = (container: HTMLElement, stage: string) => container.querySelector(`[data-stage="${stage}"]`)!.getAttribute("data-state");

describe("JobTimeline", () => {
  it("shows each stage's state and duration, the progress, and the log in seq order from rows and events that arrive out of order", () => {
    const { container } = show([
      { type: "events", rows: [event(3, "stage_started", { stage: "wireframe" })] },
      { type: "jobs", rows: [row({ stage: "wireframe", progress: 20, completed_stages: ["research"], updated_at: at(3000) })] },
      { type: "events", rows: [event(1, "stage_started", { stage: "research" }), event(2, "stage_completed", { stage: "research", progress: 20 })] },
      { type: "text", jobId: "job-1", stage: "wireframe", text: "Pages: /, /walks" },
    ]);
    expect(["research", "wireframe", "code", "qa"].map((stage) => stateOf(container, stage))).toEqual(["done", "running", "pending", "pending"]);
    // Finished: start to finish; running: start to now.
    expect(within(container.querySelector('[data-stage="research"]') as HTMLElement).getByText("1.0 s")).toBeTruthy();
    expect(within(container.querySelector('[data-stage="wireframe"]') as HTMLElement).getByText("57 s")).toBeTruthy();
    expect(screen.getByLabelText("Job progress").getAttribute("value")).toBe("20");
    const lines = within(container.querySelector(".timeline-log") as HTMLElement).getAllByRole("listitem");
    expect(lines.map((line) => line.getAttribute("data-seq"))).toEqual(["1", "2", "3"]);
    expect(lines.map((line) => line.textContent)).toEqual([expect.stringContaining("Research started"), expect.stringContaining("Research finished"), expect.stringContaining("Wireframe started")]);
    expect(screen.getByLabelText("Output so far").textContent).toBe("Pages: /, /walks");
  });

  it("marks the waiting stage and a failed job in words", () => {
    const waiting = show([{ type: "jobs", rows: [row({ status: "waiting_for_input", stage: "research" })] }, { type: "events", rows: [event(1, "stage_started", { stage: "research" })] }]);
    expect(stateOf(waiting.container, "research")).toBe("waiting");
    expect(screen.getByText("Needs your answers")).toBeTruthy();
    cleanup();
    show([{ type: "jobs", rows: [row({ status: "failed", stage: "code", error: "code: the model timed out" })] }]);
    expect(screen.getByRole("alert").textContent).toBe("The job failed. code: the model timed out");
  });
});
