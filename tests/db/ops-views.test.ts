import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { asActor, databaseWithProject } from "./harness.ts";

let pg: PGlite, owner: string;

beforeAll(async () => {
  let project: string;
  ({ pg, owner, project } = await databaseWithProject("Ops"));
  const job = (status: string, seconds: number, cost: number, extra: Record<string, unknown> = {}) =>
    pg.query(
      `insert into public.agent_jobs (project_id, user_id, agent_type, status, started_at, completed_at, usage, error, lease_expires_at)
       values ($1, $2, 'pipeline', $3, now() - make_interval(secs => $4), case when $3 in ('completed', 'failed') then now() end,
               jsonb_build_object('cost_usd', $5::numeric), $6, $7)`,
      [project, owner, status, seconds, cost, extra.error ?? null, extra.lease ?? null],
    );
  await job("completed", 10, 0.01);
  await job("completed", 20, 0.02);
  await job("completed", 30, 0.03);
  await job("failed", 5, 0.005, { error: "LLM timed out" });
  await job("running", 100, 0, { lease: new Date(Date.now() - 60_000) });
});
afterAll(() => pg.close());

describe("ops views", () => {
  it("summarises jobs per agent type and day", async () => {
    const { rows } = await pg.query<Record<string, unknown>>("select * from ops.job_stats");
    expect(rows).toHaveLength(1);
    const stats = rows[0]!;
    expect(stats).toMatchObject({ agent_type: "pipeline", jobs: 5, completed: 3, failed: 1 });
    expect(Number(stats.failure_rate)).toBeCloseTo(0.25);
    expect(Number(stats.p50_seconds)).toBeCloseTo(20, 0);
    expect(Number(stats.cost_usd)).toBeCloseTo(0.065);
  });

  it("lists running jobs whose lease expired", async () => {
    const { rows } = await pg.query<{ reason: string }>("select reason from ops.stuck_jobs");
    expect(rows).toEqual([{ reason: "lease expired" }]);
  });

  it("lists recent failures with their errors", async () => {
    const { rows } = await pg.query<{ error: string }>("select error from ops.recent_failures");
    expect(rows).toEqual([{ error: "LLM timed out" }]);
  });

  it.each(["authenticated", "anon"] as const)("is closed to %s", async (role) => {
    const actor = role === "anon" ? { role } : { role, sub: owner };
    await expect(asActor(pg, actor, (tx) => tx.query("select * from ops.job_stats"))).rejects.toMatchObject({ code: "42501" });
  });

  it("is readable by the service role", async () => {
    const { rows } = await asActor(pg, { role: "service_role" }, (tx) => tx.query("select * from ops.recent_failures"));
    expect(rows).toHaveLength(1);
  });
});
