import { describe, expect, it } from "vitest";
import { attemptsKey, attemptsOf, canFixAgain, type SandboxRunRow } from "./attempts.ts";
import type { JobEventRow, JobRow } from "./index.ts";

const T0 = "2026-01-01T00:00:00.000Z";
let seq = 0;
const event = (type: string, data: Record<string, unknown>): JobEventRow => ({ id: ++seq, job_id: "job-1", seq, kind: "event", level: null, type, message: null, data, created_at: T0 });

const run = (attempt: number, status: SandboxRunRow["status"], results: SandboxRunRow["results"], screenshots: string[] = []): SandboxRunRow => ({
  id: `run-${attempt}`, attempt, status, results, screenshot_paths: screenshots, created_at: T0, finished_at: T0,
});

describe("the fix loop's attempts", () => {
  const first = run(1, "failed", {
    reason: "/classes threw: boom",
    tests: [
      { name: "lists the classes", file: "src/pages/ClassesPage.test.tsx", line: 7, status: "failed", message: "expected 'Yoga' to be 'Classes'" },
      { name: "renders home", file: "src/pages/HomePage.test.tsx", status: "passed" },
    ],
    routes: [
      { route: "/", path: "/", rendered: true },
      { route: "/classes/:id", path: "/classes/c-1", rendered: true, exceptions: ["TypeError: boom"] },
    ],
  }, ["u/job-1/1/home.png", "u/job-1/1/classes-id.png"]);
  const second = run(2, "passed", { tests: [{ name: "lists the classes", file: "src/pages/ClassesPage.test.tsx", status: "passed" }], routes: [{ route: "/", path: "/", rendered: true }] }, ["u/job-1/2/home.png"]);

  it("gives each attempt its tests, its routes with their screenshots and problems, and the fix after it with its version", () => {
    const events = [event("file_updated", { path: "src/pages/ClassesPage.tsx", pass: 1 }), event("file_updated", { path: "src/pages/ClassesPage.test.tsx", pass: 1 })];
    const [one, two] = attemptsOf([second, first], [{ version: 2, source: "reviewer_pass_1" }], events);
    expect(one).toMatchObject({ attempt: 1, status: "failed", reason: "/classes threw: boom" });
    expect(one!.tests.map((t) => [t.name, t.status, t.message])).toEqual([["lists the classes", "failed", "expected 'Yoga' to be 'Classes'"], ["renders home", "passed", undefined]]);
    expect(one!.routes).toEqual([
      { route: "/", path: "/", ok: true, screenshot: "u/job-1/1/home.png" },
      { route: "/classes/:id", path: "/classes/c-1", ok: false, problem: "threw: TypeError: boom", screenshot: "u/job-1/1/classes-id.png" },
    ]);
    expect(one!.fix).toEqual({ pass: 1, files: ["src/pages/ClassesPage.tsx", "src/pages/ClassesPage.test.tsx"], version: 2 });
    expect(two).toMatchObject({ attempt: 2, status: "passed" });
    expect(two!.fix).toBeUndefined();
  });

  it("says why the loop stopped after an attempt, and shows a queued attempt without results", () => {
    const [one, two] = attemptsOf([first, run(2, "queued", null)], [], [event("fix_stopped", { pass: 1, reason: "no_change" })]);
    expect(one!.fix).toEqual({ pass: 1, files: [], stopped: "no_change" });
    expect(two).toEqual({ attempt: 2, status: "queued", tests: [], routes: [] });
  });

  it("changes its key when a run or a fix pass moves on, not on file events", () => {
    const events = [event("command_run", { command: "sandbox", status: "queued" })];
    const key = attemptsKey(events);
    expect(attemptsKey([...events, event("command_run", { command: "route", status: "passed" }), event("file_updated", { path: "a", pass: 1 })])).toBe(key);
    expect(attemptsKey([...events, event("command_run", { command: "sandbox", status: "failed" })])).not.toBe(key);
  });

  it("offers Try to fix again only for a completed build whose loop stopped unfixed", () => {
    const job = (fields: Partial<JobRow>): JobRow => ({
      id: "job-1", project_id: "p", agent_type: "pipeline", status: "completed", progress: 100, stage: null, completed_stages: [], error: null,
      created_at: T0, started_at: T0, completed_at: T0, updated_at: T0, result: { passed: false, sandbox: { stopped: "limit" } }, ...fields,
    });
    expect(canFixAgain(job({}))).toBe(true);
    expect(canFixAgain(job({ result: { passed: true, sandbox: {} } }))).toBe(false);
    expect(canFixAgain(job({ result: { passed: false, sandbox: {} } }))).toBe(false);
    expect(canFixAgain(job({ status: "running" }))).toBe(false);
    expect(canFixAgain(job({ agent_type: "code" }))).toBe(false);
  });
});
