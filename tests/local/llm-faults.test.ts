import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAiCompletion, openAiEnv, openAiError, openAiStream, startFakeServer, type FakeServer } from "../shared/fake-llm-server.ts";
import { callFunction } from "./api.ts";
import { closeAll, startStackWithUsers, withFunctionsEnv, type SignedUpUser, type TestStack } from "./stack.ts";

/** A stack whose functions talk to a fake OpenAI that answers as `mode` says. */
let mode: "invalid" | "slow" | "unauthorised" = "invalid";
let llm: FakeServer;
let stack: TestStack, alice: SignedUpUser;

beforeAll(async () => {
  llm = await startFakeServer((request) =>
    mode === "invalid"
      ? request.body?.stream ? { sse: openAiStream(["this is ", "not JSON at all"]) } : { json: openAiCompletion("this is not JSON at all") }
    : mode === "slow" ? { json: openAiCompletion("{}"), delayMs: 5_000 }
    : { status: 401, json: openAiError("Incorrect API key provided", "invalid_api_key") },
  );
  ({ stack, alice } = await startStackWithUsers(withFunctionsEnv(openAiEnv(llm, { CODEFORGE_LLM_TIMEOUT_MS: "1000" }))));
});
afterAll(() => closeAll(stack, llm));

type Job = { job_id: string; status: string; error: string | null; result: any };

async function waitForJob(jobId: string): Promise<Job> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const job = await (await callFunction(stack, alice, "GET", `/jobs/${jobId}`)).json();
    if (["completed", "failed", "cancelled", "waiting_for_input"].includes(job.status) || Date.now() > deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function usageOf(jobId: string): Promise<{ input_tokens: number; output_tokens: number }> {
  const { data } = await stack.service().from("agent_jobs").select("usage").eq("id", jobId).single().throwOnError();
  return { input_tokens: data.usage.input_tokens, output_tokens: data.usage.output_tokens };
}

async function respondAndWait(jobId: string, answer: string): Promise<Job> {
  const response = await callFunction(stack, alice, "POST", `/jobs/${jobId}/respond`, { responses: [{ question_id: "retry", answer }] });
  expect(response.status).toBe(200);
  return waitForJob(jobId);
}

async function runResearch(): Promise<Job> {
  const { data: project } = await alice.client.from("projects").insert({ user_id: alice.userId, title: "LLM", mode: "builder" }).select("id").single();
  const { job_id } = await (await callFunction(stack, alice, "POST", "/run-agent", {
    project_id: project!.id, agent_type: "research", input_context: { user_idea: "A CRM for dog walkers with scheduling and invoices" },
  })).json();
  return waitForJob(job_id);
}

describe("a real provider that misbehaves, behind the functions", () => {
  // Two job runs plus the first Deno boots of run-agent, worker and jobs: on a loaded machine the boots alone took ~25 s.
  it("pauses the job for the user when the model never returns valid output, instead of spending more", async () => {
    mode = "invalid";
    const before = llm.requests.length;
    const job = await runResearch();
    expect(job.status).toBe("waiting_for_input");
    expect(job.result).toMatchObject({ reason: "repeated_failure", questions: [{ id: "retry", options: ["retry", "stop"] }] });
    expect(job.result.message).toMatch(/research/);
    // The answer was retried with the validation errors (bounded), then given up.
    const spent = llm.requests.length - before;
    expect(spent).toBeGreaterThanOrEqual(2);
    // Every refused answer was paid for: the job's usage counts them (10 in, 5 out each), for the budget and the monthly spend.
    expect(await usageOf(job.job_id)).toEqual({ input_tokens: 10 * spent, output_tokens: 5 * spent });

    const retried = await respondAndWait(job.job_id, "retry");
    expect(retried.status, retried.error ?? undefined).toBe("waiting_for_input");
    const afterRetry = llm.requests.length;
    expect(afterRetry - before).toBeGreaterThan(spent);
    expect(await usageOf(job.job_id)).toEqual({ input_tokens: 10 * (afterRetry - before), output_tokens: 5 * (afterRetry - before) });
    const stopped = await respondAndWait(job.job_id, "stop");
    expect(stopped.status).toBe("cancelled");
    expect(llm.requests.length).toBe(afterRetry);
  }, 60_000);

  it("fails the job with a timeout when the model does not answer in time", async () => {
    mode = "slow";
    const job = await runResearch();
    expect(job).toMatchObject({ status: "failed" });
    expect(job.error).toMatch(/did not answer within/);
  });

  it("fails at once, without retrying, when the key is refused", async () => {
    mode = "unauthorised";
    const before = llm.requests.length;
    const job = await runResearch();
    expect(job.status).toBe("failed");
    expect(llm.requests.length - before).toBe(1);
  });
});
