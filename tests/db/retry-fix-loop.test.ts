import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { databaseWithProject, insertRow } from "./harness.ts";

let pg: PGlite, owner: string, project: string;
beforeAll(async () => ({ pg, owner, project } = await databaseWithProject("Fix again")));
afterAll(() => pg.close());

const LOOP = ["research", "wireframe", "code", "qa", "sandbox_tests_attempt_1", "reviewer_pass_1", "sandbox_tests_attempt_2", "reviewer_pass_2"];

/** A pipeline job as the fix loop leaves it when pass 2 stops at the limit of 2 attempts. */
async function stoppedJob(fields: Record<string, unknown> = {}, stopped: string | null = "limit"): Promise<string> {
  const job = await insertRow(pg, "agent_jobs", {
    project_id: project, user_id: owner, agent_type: "pipeline", status: "completed", progress: 100, completed_stages: LOOP,
    params: { sandbox: true }, result: { passed: false, sandbox: { passed: false, attempts: 2, fixes: 1, stopped } }, ...fields,
  });
  for (const stage of LOOP) {
    const content = stage === "reviewer_pass_2" && stopped ? { agent: "code", pass: 2, stopped, failures: [] } : { agent: stage };
    await insertRow(pg, "job_artifacts", { job_id: job, user_id: owner, stage, content });
  }
  return job;
}

const retry = async (job: string, more = 3) => (await pg.query<{ status: string | null }>("select public.retry_fix_loop($1, $2) as status", [job, more])).rows[0]!.status;
const row = async (job: string) =>
  (await pg.query<{ status: string; completed_stages: string[]; params: Record<string, unknown>; result: unknown; completed_at: string | null }>(
    "select status, completed_stages, params, result, completed_at from public.agent_jobs where id = $1", [job])).rows[0]!;
const events = async (job: string) => (await pg.query<{ type: string; data: Record<string, unknown> }>("select type, data from public.job_events where job_id = $1 order by seq", [job])).rows;

describe("retry_fix_loop (Try to fix again)", () => {
  let job: string;
  beforeEach(async () => {
    job = await stoppedJob();
  });

  it("reopens the stopped pass with more attempts and queues the job, writing its event in the same call", async () => {
    expect(await retry(job, 3)).toBe("queued");
    const after = await row(job);
    expect(after).toMatchObject({ status: "queued", completed_stages: LOOP.slice(0, -1), result: null, completed_at: null });
    expect(after.params).toEqual({ sandbox: true, max_fix_attempts: 5 });
    const stages = (await pg.query<{ stage: string }>("select stage from public.job_artifacts where job_id = $1 order by stage", [job])).rows.map((r) => r.stage);
    expect(stages).toContain("reviewer_pass_2:retry1");
    expect(stages).not.toContain("reviewer_pass_2");
    expect(await events(job)).toEqual([{ type: "fix_retry_requested", data: { stage: "reviewer_pass_2", retry: 1, attempts: 2, max_fix_attempts: 5 } }]);
  });

  it("numbers a second retry of the same pass after the first", async () => {
    await retry(job);
    await pg.query("update public.agent_jobs set status = 'completed', completed_stages = $2, result = $3 where id = $1",
      [job, LOOP, { passed: false, sandbox: { attempts: 2 } }]);
    await insertRow(pg, "job_artifacts", { job_id: job, user_id: owner, stage: "reviewer_pass_2", content: { pass: 2, stopped: "no_change" } });
    expect(await retry(job, 1)).toBe("queued");
    expect((await events(job)).at(-1)!.data).toMatchObject({ retry: 2, max_fix_attempts: 3 });
  });

  it.each([
    ["a running job", { status: "running" }],
    ["a green build", { result: { passed: true, sandbox: { passed: true, attempts: 1 } } }],
    ["a build without the fix loop", { result: { passed: false, qa: {} } }],
    ["a single-agent job", { agent_type: "code" }],
  ])("answers null for %s and changes nothing", async (_what, fields) => {
    const other = await stoppedJob(fields);
    const before = await row(other);
    expect(await retry(other)).toBeNull();
    expect(await row(other)).toEqual(before);
    expect(await events(other)).toEqual([]);
  });

  it("answers null when the loop ended on a sandbox attempt that never ran (nothing to reopen)", async () => {
    const other = await stoppedJob({ completed_stages: LOOP.slice(0, 5) }, null);
    expect(await retry(other)).toBeNull();
  });

  it("refuses a count of attempts outside 1-10", async () => {
    await expect(retry(job, 0)).rejects.toThrow(/between 1 and 10/);
    expect((await row(job)).status).toBe("completed");
  });

  it("is callable by the service role only", async () => {
    const grants = await pg.query<{ anon: boolean; authed: boolean; service: boolean }>(`select
      has_function_privilege('anon', 'public.retry_fix_loop(uuid, int)', 'execute') as anon,
      has_function_privilege('authenticated', 'public.retry_fix_loop(uuid, int)', 'execute') as authed,
      has_function_privilege('service_role', 'public.retry_fix_loop(uuid, int)', 'execute') as service`);
    expect(grants.rows[0]).toEqual({ anon: false, authed: false, service: true });
  });
});
