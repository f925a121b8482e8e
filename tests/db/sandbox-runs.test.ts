import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { asActor, databaseWithUsers, insertRow } from "./harness.ts";

let pg: PGlite, owner: string, other: string;
let job: string;

beforeAll(async () => ({ pg, owner, other } = await databaseWithUsers()));
afterAll(() => pg.close());
beforeEach(async () => {
  await pg.query("delete from public.sandbox_runs");
  const project = await insertRow(pg, "projects", { user_id: owner, title: "Sandbox", mode: "builder" });
  job = await insertRow(pg, "agent_jobs", { project_id: project, user_id: owner, agent_type: "pipeline" });
});

const request = async () => (await pg.query<{ id: string; attempt: number; status: string; user_id: string }>("select * from public.request_sandbox_run($1)", [job])).rows[0]!;
const claim = async (worker: string) => (await pg.query<{ id: string; status: string; leased_by: string; claims: number }>("select * from public.claim_sandbox_run($1, 60)", [worker])).rows;
const commandEvents = async () =>
  (await pg.query<{ data: Record<string, unknown> }>("select data from public.job_events where job_id = $1 and type = 'command_run' order by seq", [job])).rows.map((r) => `${r.data.command}:${r.data.status}`);

describe("sandbox runs", () => {
  it("queues attempts 1, 2, … of a job for its owner, each with a command_run event", async () => {
    const first = await request();
    const second = await request();
    expect([first.attempt, second.attempt, first.status, first.user_id]).toEqual([1, 2, "queued", owner]);
    expect(await commandEvents()).toEqual(["sandbox:queued", "sandbox:queued"]);
  });

  it("hands each run to one runner only, oldest first, and none when the queue is empty", async () => {
    const first = await request();
    const second = await request();
    const [a] = await claim("runner-a");
    const [b] = await claim("runner-b");
    expect([a!.id, b!.id]).toEqual([first.id, second.id]);
    expect(await claim("runner-c")).toEqual([]);
  });

  it("gives a run whose runner's lease expired to another runner, and fails it after three claims", async () => {
    const run = await request();
    for (const worker of ["a", "b", "c"]) {
      expect((await claim(worker)).map((r) => [r.id, r.leased_by])).toEqual([[run.id, worker]]);
      await pg.query("update public.sandbox_runs set lease_expires_at = now() - interval '1 second'");
    }
    expect(await claim("d")).toEqual([]);
    expect((await pg.query<{ status: string }>("select status from public.sandbox_runs where id = $1", [run.id])).rows[0]!.status).toBe("error");
  });

  it("records steps and the finish only from the runner holding the run, each with its event", async () => {
    const run = await request();
    await claim("runner-a");
    const step = (worker: string) => pg.query<{ ok: boolean }>("select public.record_sandbox_step($1, $2, 'build', 'passed', '{\"ms\": 12}') as ok", [run.id, worker]);
    expect((await step("runner-b")).rows[0]!.ok).toBe(false);
    expect((await step("runner-a")).rows[0]!.ok).toBe(true);
    const finish = (worker: string) => pg.query<{ ok: boolean }>("select public.finish_sandbox_run($1, $2, 'failed', $3, $4) as ok", [run.id, worker, { reason: "route / threw" }, [`${owner}/${job}/1/home.png`]]);
    expect((await finish("runner-b")).rows[0]!.ok).toBe(false);
    expect((await finish("runner-a")).rows[0]!.ok).toBe(true);
    expect((await finish("runner-a")).rows[0]!.ok).toBe(false);
    const row = (await pg.query<{ status: string; screenshot_paths: string[]; finished_at: Date | null }>("select * from public.sandbox_runs where id = $1", [run.id])).rows[0]!;
    expect([row.status, row.screenshot_paths, row.finished_at !== null]).toEqual(["failed", [`${owner}/${job}/1/home.png`], true]);
    expect(await commandEvents()).toEqual(["sandbox:queued", "sandbox:started", "build:passed", "sandbox:failed"]);
    await expect(pg.query("select public.finish_sandbox_run($1, 'x', 'running', '{}')", [run.id])).rejects.toThrow(/cannot finish as running/);
  });

  it("lets the owner read their runs, and no one else; nobody but the backend writes them", async () => {
    const run = await request();
    const read = (actor: Parameters<typeof asActor>[1]) => asActor(pg, actor, async (tx) => (await tx.query("select id from public.sandbox_runs")).rows.length);
    expect(await read({ role: "authenticated", sub: owner })).toBe(1);
    expect(await read({ role: "authenticated", sub: other })).toBe(0);
    await expect(read({ role: "anon" })).rejects.toThrow(/permission denied/);
    await expect(asActor(pg, { role: "authenticated", sub: owner }, (tx) => tx.query("update public.sandbox_runs set status = 'passed' where id = $1", [run.id]))).rejects.toThrow(/permission denied/);
    await expect(asActor(pg, { role: "authenticated", sub: owner }, (tx) => tx.query("select public.claim_sandbox_run('me', 60)"))).rejects.toThrow(/permission denied/);
  });

  describe("a job waiting for its run (the fix loop)", () => {
    const claimJob = (worker: string) => pg.query("select * from public.claim_agent_job($1, $2, 60)", [job, worker]);
    const wait = async (worker: string, seconds = 300) =>
      (await pg.query<{ outcome: string; run_id: string; status: string; results: { reason?: string } | null }>(
        "select * from public.await_sandbox_run($1, $2, 'sandbox_tests_attempt_1', 1, $3)", [job, worker, seconds])).rows[0];
    const jobRow = async () =>
      (await pg.query<{ status: string; leased_by: string | null; stage: string | null; completed_stages: string[] }>("select * from public.agent_jobs where id = $1", [job])).rows[0]!;

    it("parks the job on the run, and the finish stores the attempt's artifact and requeues it in one go", async () => {
      await claimJob("worker-a");
      expect(await wait("worker-b")).toBeUndefined();
      const waiting = (await wait("worker-a"))!;
      expect(waiting.outcome).toBe("waiting");
      const parked = await jobRow();
      expect([parked.status, parked.leased_by, parked.stage]).toEqual(["running", `sandbox:${waiting.run_id}`, "sandbox_tests_attempt_1"]);
      expect((await claimJob("worker-c")).rows).toEqual([]);
      await claim("runner-a");
      await pg.query("select public.finish_sandbox_run($1, 'runner-a', 'failed', $2)", [waiting.run_id, { reason: "route / threw", verdict: { passed: false } }]);
      const after = await jobRow();
      expect([after.status, after.leased_by, after.stage, after.completed_stages]).toEqual(["queued", null, null, ["sandbox_tests_attempt_1"]]);
      const artifact = (await pg.query<{ content: { attempt: number; status: string; output: { reason: string } } }>(
        "select content from public.job_artifacts where job_id = $1 and stage = 'sandbox_tests_attempt_1'", [job])).rows[0]!.content;
      expect([artifact.attempt, artifact.status, artifact.output.reason]).toEqual([1, "failed", "route / threw"]);
      const types = (await pg.query<{ type: string }>("select type from public.job_events where job_id = $1 order by seq", [job])).rows.map((r) => r.type);
      expect(types.slice(-2)).toEqual(["command_run", "stage_completed"]);
    });

    it("ends a run no runner finished once the wait runs out, so the job goes on", async () => {
      await claimJob("worker-a");
      const waiting = (await wait("worker-a", 1))!;
      await pg.query("update public.agent_jobs set lease_expires_at = now() - interval '1 second' where id = $1", [job]);
      expect((await claimJob("worker-b")).rows).toHaveLength(1);
      const timedOut = (await wait("worker-b"))!;
      expect([timedOut.outcome, timedOut.run_id, timedOut.status]).toEqual(["timeout", waiting.run_id, "error"]);
      expect(timedOut.results?.reason).toMatch(/no sandbox runner finished/);
      expect(await claim("runner-a")).toEqual([]);
    });
  });
});
