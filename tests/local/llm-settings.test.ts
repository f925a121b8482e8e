/** @module Keys and models per user and per project through the settings function, and the monthly cap pausing a job, against a fake OpenAI that counts calls. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPlugins } from "../../local/server.ts";
import { functionsHost } from "../../local/functions/index.ts";
import { openAiCompletion, openAiError, openAiStream, startFakeServer, type FakeServer } from "../shared/fake-llm-server.ts";
import { callFunction, type SignedInCaller } from "./api.ts";
import { pollFor } from "./poll.ts";
import { refactor } from "./refactor-harness.ts";
import { startTestStack, type TestStack } from "./stack.ts";

const ALICE_KEY = "sk-good-alice-secret-7f3a";
const BOB_KEY = "sk-good-bob-secret-91c2";
/** Each completion costs $0.12 at gpt-4.1-mini's price (100k in × $0.40/M + 50k out × $1.60/M). */
const USAGE: [number, number] = [100_000, 50_000];
const EXPLANATION = JSON.stringify({ answer: "It renders the walk list.", summary: "Renders walks.", symbols: ["WalkList"] });
const REFACTOR = JSON.stringify({ summary: "Type the App's return", edits: [{ path: "src/App.tsx", action: "modify", content: "export const App = (): null => null;\n" }] });

let llm: FakeServer;
let stack: TestStack;
let alice: SignedInCaller;
let bob: SignedInCaller;
let projectId: string;

/** Chat completions the fake answered (model calls), as opposed to key checks. */
const completions = () => llm.requests.filter((request) => request.path.endsWith("/chat/completions"));

beforeAll(async () => {
  llm = await startFakeServer((request) => {
    const key = String(request.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!key.startsWith("sk-good-")) return { status: 401, json: openAiError("Incorrect API key provided", "invalid_api_key") };
    if (request.method === "GET" && request.path === "/v1/models") {
      return { json: { object: "list", data: ["gpt-4.1-mini", "acme-finetune-7"].map((id) => ({ id, object: "model", owned_by: "acme" })) } };
    }
    const model = request.body?.model as string;
    if (JSON.stringify(request.body).includes("refactor_edits")) return { json: openAiCompletion(REFACTOR, { model, usage: USAGE }) };
    return request.body?.stream
      ? { sse: openAiStream([EXPLANATION], { model, usage: USAGE }) }
      : { json: openAiCompletion(EXPLANATION, { model, usage: USAGE }) };
  });
  // The server's own default stays offline: every network call below is made with a user's key.
  const env = { OPENAI_BASE_URL: `${llm.url}/v1`, CODEFORGE_LLM_MAX_RETRIES: "0", STUDIO_SECRETS_KEY: "test-secrets-key" };
  stack = await startTestStack([...defaultPlugins.filter((p) => p.name !== "functions"), functionsHost({ env })]);
  alice = await stack.signUp();
  bob = await stack.signUp();
  const { data } = await alice.client.from("projects").insert({ user_id: alice.userId, title: "Walks", mode: "builder" }).select("id").single();
  projectId = data!.id;
  await alice.client.from("project_files").insert({ project_id: projectId, path: "src/App.tsx", content: "export const App = () => null;\n", language: "typescript" });
});
afterAll(async () => {
  await stack?.close();
  await llm?.close();
});

const settings = async (caller: SignedInCaller) => (await callFunction(stack, caller, "GET", "/settings")).json();

async function expectError(response: Response, status: number, code: string, words: RegExp) {
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(status);
  expect(body.code).toBe(code);
  expect(body.error).toMatch(words);
}

type Job = { job_id: string; status: string; error: string | null; result: any };

/** The job once it stops: ended, or waiting for its owner. */
const waitForJob = (jobId: string): Promise<Job> =>
  pollFor(async () => {
    const job = (await (await callFunction(stack, alice, "GET", `/jobs/${jobId}`)).json()) as Job;
    return ["queued", "running"].includes(job.status) ? undefined : job;
  }, `job ${jobId} to stop`, 75_000);

async function explain(): Promise<Job> {
  const response = await callFunction(stack, alice, "POST", "/run-ai", { project_id: projectId, agent_type: "explain", file_path: "src/App.tsx", line_start: 1, line_end: 1 });
  expect(response.status).toBe(202);
  return waitForJob((await response.json()).job_id);
}

describe("provider keys", () => {
  it("checks a key with the provider and stores it write-only: the list shows the provider and last four characters", async () => {
    const response = await callFunction(stack, alice, "POST", "/settings/keys", { provider: "openai", api_key: ALICE_KEY });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({ provider: "openai", last4: "7f3a" });
    expect(JSON.stringify(body)).not.toContain(ALICE_KEY);
    const check = llm.requests.at(-1)!;
    expect(check).toMatchObject({ method: "GET", path: "/v1/models" });
    expect(check.headers.authorization).toBe(`Bearer ${ALICE_KEY}`);

    const listed = await settings(alice);
    expect(listed.keys).toEqual([{ provider: "openai", last4: "7f3a", created_at: expect.any(String) }]);
    expect(JSON.stringify(listed)).not.toContain(ALICE_KEY);
  });

  it("keeps the sealed key from every client through REST, its owner included", async () => {
    const { data: visible } = await alice.client.from("user_llm_keys").select("*");
    expect(visible).toEqual([{ user_id: alice.userId, provider: "openai", key_last4: "7f3a", created_at: expect.any(String) }]);
    const sealed = await alice.client.from("user_llm_key_secrets").select("*");
    expect(sealed.data ?? []).toEqual([]);
    expect(sealed.error?.code).toBe("42501");
    const forged = await alice.client.from("user_llm_keys").insert({ user_id: alice.userId, provider: "google", key_last4: "abcd" });
    expect(forged.error?.code).toBe("42501");
    // The service role sees ciphertext, not the key.
    const { data: rows } = await stack.service().from("user_llm_key_secrets").select("api_key_encrypted").eq("user_id", alice.userId);
    expect(rows).toHaveLength(1);
    expect(rows![0]!.api_key_encrypted).not.toContain(ALICE_KEY);
  });

  it("keeps each user's keys and settings from the others", async () => {
    expect((await callFunction(stack, bob, "POST", "/settings/keys", { provider: "openai", api_key: BOB_KEY })).status).toBe(201);
    expect((await settings(bob)).keys).toEqual([{ provider: "openai", last4: "91c2", created_at: expect.any(String) }]);
    expect((await bob.client.from("user_llm_keys").select("*").eq("user_id", alice.userId)).data).toEqual([]);
    expect((await bob.client.from("user_llm_settings").select("*").eq("user_id", alice.userId)).data).toEqual([]);
    // Bob's project choice for Alice's project: she owns it, so it does not exist for him.
    await expectError(await callFunction(stack, bob, "POST", `/settings/projects/${projectId}`, { provider: "openai", model: "gpt-4.1-mini" }), 404, "not_found", /project/i);
    expect((await callFunction(stack, bob, "POST", "/settings/keys/openai/delete")).status).toBe(200);
    expect((await settings(alice)).keys).toHaveLength(1);
    await expectError(await callFunction(stack, bob, "POST", "/settings/keys/openai/delete"), 404, "not_found", /no openai key/);
  });

  it("refuses bad input with a 400 naming it and saves nothing", async () => {
    const before = await settings(alice);
    await expectError(await callFunction(stack, alice, "POST", "/settings/keys", { provider: "mistral", api_key: "sk-good-whatever" }), 400, "unknown_provider", /"mistral"/);
    await expectError(await callFunction(stack, alice, "POST", "/settings/keys", { provider: "openai", api_key: "sk-revoked-0000" }), 400, "key_refused", /openai refused the key \(HTTP 401\)/);
    await expectError(await callFunction(stack, alice, "POST", `/settings/projects/${projectId}`, { provider: "openai", model: "gpt-banana" }), 400, "unknown_model", /"gpt-banana"/);
    await expectError(await callFunction(stack, alice, "POST", `/settings/projects/${projectId}`, { provider: "cohere", model: "command" }), 400, "unknown_provider", /"cohere"/);
    await expectError(await callFunction(stack, alice, "POST", "/settings", { default_provider: "anthropic", default_model: "claude-sonnet-4-5" }), 409, "provider_not_configured", /anthropic key/);
    await expectError(await callFunction(stack, alice, "POST", "/settings", { default_provider: "openai", default_model: "gpt-banana", monthly_cap_usd: 5 }), 400, "unknown_model", /"gpt-banana"/);
    expect(await settings(alice)).toEqual(before);
    expect((await alice.client.from("project_llm_choices").select("*")).data).toEqual([]);
  });

  it("accepts a model the provider lists though the price table does not name it", async () => {
    const response = await callFunction(stack, alice, "POST", `/settings/projects/${projectId}`, { provider: "openai", model: "acme-finetune-7" });
    expect(response.status).toBe(200);
    expect((await alice.client.from("project_llm_choices").select("provider, model")).data).toEqual([{ provider: "openai", model: "acme-finetune-7" }]);
    const models = await (await callFunction(stack, alice, "GET", "/settings/models/openai")).json();
    expect(models.models).toEqual(expect.arrayContaining(["gpt-4.1-mini", "gpt-5", "acme-finetune-7"]));
  });
});

// The first job starts the worker function cold, which takes a while on a busy machine.
describe("a job on the owner's provider, model and key, under the monthly cap", { timeout: 90_000 }, () => {
  it("runs with the project's model and the owner's key, and records them on the job (never the key)", async () => {
    expect((await callFunction(stack, alice, "POST", `/settings/projects/${projectId}`, { provider: "openai", model: "gpt-4.1-mini" })).status).toBe(200);
    const calls = completions().length;
    const job = await explain();
    expect(job.status, job.error ?? undefined).toBe("completed");
    expect(completions().length).toBe(calls + 1);
    const call = completions().at(-1)!;
    expect(call.headers.authorization).toBe(`Bearer ${ALICE_KEY}`);
    expect(call.body.model).toBe("gpt-4.1-mini");

    const service = stack.service();
    const { data: row } = await service.from("agent_jobs").select("*").eq("id", job.job_id).single();
    expect(row).toMatchObject({ llm_provider: "openai", llm_model: "gpt-4.1-mini", usage: { cost_usd: 0.12 } });
    const { data: events } = await service.from("job_events").select("*").eq("job_id", job.job_id);
    expect(events!.find((event) => event.type === "model_selected")?.data).toEqual({ provider: "openai", model: "gpt-4.1-mini" });
    expect(JSON.stringify([row, events])).not.toContain(ALICE_KEY);
  });

  it("refuses a cap below the month's spend with a 400 naming both, keeping the old cap", async () => {
    expect((await settings(alice)).month_spend_usd).toBeCloseTo(0.12, 6);
    await expectError(await callFunction(stack, alice, "POST", "/settings", { monthly_cap_usd: 0.05 }), 400, "invalid_request", /monthly_cap_usd: \$0\.05 is below the \$0\.12\d* already spent/);
    expect((await settings(alice)).monthly_cap_usd).toBeNull();
  });

  it("pauses a job before the model call that the cap no longer allows, and goes on once the cap is raised", async () => {
    const saved = await callFunction(stack, alice, "POST", "/settings", { monthly_cap_usd: 0.2 });
    expect(saved.status).toBe(200);
    expect((await saved.json()).monthly_cap_usd).toBe(0.2);
    const before = completions().length;
    expect((await explain()).status).toBe("completed"); // $0.12 spent < $0.20: the call is made
    expect(completions().length).toBe(before + 1);

    const paused = await explain(); // $0.24 spent ≥ $0.20: no call
    expect(paused.status).toBe("waiting_for_input");
    expect(paused.result).toMatchObject({ reason: "monthly_cap", questions: [{ id: "retry", options: ["retry", "stop"] }] });
    expect(paused.result.message).toMatch(/This month's spend \(\$0\.2400\) has reached your monthly cap of \$0\.2000\. Raise the cap in Settings/);
    expect(completions().length).toBe(before + 1);

    // A chat reply on the user's model is held to the cap too.
    const { data: thread } = await alice.client.from("chat_threads").insert({ user_id: alice.userId, title: "Capped", project_id: projectId }).select("id").single().throwOnError();
    const asked = await callFunction(stack, alice, "POST", `/chat/threads/${thread!.id}/messages`, { content: "What does the App component do?", mode: "ask" });
    const { message_id } = await asked.json();
    const refused = await pollFor(async () => {
      const { data } = await alice.client.from("chat_messages").select("status, error").eq("id", message_id).maybeSingle();
      return data?.status === "failed" ? data : undefined;
    }, "the refused reply");
    expect(refused.error).toMatch(/has reached your monthly cap of \$0\.2000/);
    expect(completions().length).toBe(before + 1);

    // Retrying without raising the cap pauses again, still with no call.
    let answer = await callFunction(stack, alice, "POST", `/jobs/${paused.job_id}/respond`, { responses: [{ question_id: "retry", answer: "retry" }] });
    expect(answer.status).toBe(200);
    expect((await waitForJob(paused.job_id)).status).toBe("waiting_for_input");
    expect(completions().length).toBe(before + 1);

    expect((await callFunction(stack, alice, "POST", "/settings", { monthly_cap_usd: 1 })).status).toBe(200);
    answer = await callFunction(stack, alice, "POST", `/jobs/${paused.job_id}/respond`, { responses: [{ question_id: "retry", answer: "retry" }] });
    expect(answer.status).toBe(200);
    const resumed = await waitForJob(paused.job_id);
    expect(resumed.status, resumed.error ?? undefined).toBe("completed");
    expect(completions().length).toBe(before + 2);
    expect((await settings(alice)).month_spend_usd).toBeCloseTo(0.36, 6);
  });

  it("answers a chat question in a thread on the project with the project's model and the owner's key", async () => {
    const { data: thread } = await alice.client.from("chat_threads").insert({ user_id: alice.userId, title: "Walks", project_id: projectId }).select("id").single();
    const before = completions().length;
    const spent = (await settings(alice)).month_spend_usd;
    const response = await callFunction(stack, alice, "POST", `/chat/threads/${thread!.id}/messages`, { content: "What does the App component do?", mode: "ask" });
    expect(response.status).toBe(202);
    const { reply_id } = await response.json();
    const reply = await pollFor(async () => (await alice.client.from("chat_messages").select("content, metadata").eq("id", reply_id).maybeSingle()).data ?? undefined, "the reply");
    expect(reply.metadata).toMatchObject({ source: "openai", model: "gpt-4.1-mini", usage: { input_tokens: 100_000, output_tokens: 50_000, cost_usd: 0.12 } });
    // The reply's cost counts toward the month, as a job's does.
    expect((await settings(alice)).month_spend_usd).toBeCloseTo(spent + 0.12, 6);
    expect(completions().length).toBe(before + 1);
    expect(completions().at(-1)!.headers.authorization).toBe(`Bearer ${ALICE_KEY}`);
  });

  it("refactors by instruction on the owner's model and key though the server has none, counting the cost", async () => {
    const before = completions().length;
    const spent = (await settings(alice)).month_spend_usd;
    const job = await refactor(stack, alice, { project_id: projectId, kind: "instruction", instruction: "Give App an explicit return type" });
    expect(job.status, job.error ?? undefined).toBe("completed");
    expect(job.result.proposal).toMatchObject({ summary: "Type the App's return", check: { passed: true } });
    expect(completions().length).toBe(before + 1);
    expect(completions().at(-1)!.headers.authorization).toBe(`Bearer ${ALICE_KEY}`);
    expect((await settings(alice)).month_spend_usd).toBeCloseTo(spent + 0.12, 6);
    // Bob has no key and no model: the offline engine cannot follow an instruction.
    const { data: bobs } = await bob.client.from("projects").insert({ user_id: bob.userId, title: "Bob's", mode: "builder" }).select("id").single().throwOnError();
    await expectError(await callFunction(stack, bob, "POST", "/refactor", { project_id: bobs!.id, kind: "instruction", instruction: "Tidy up" }), 409, "provider_not_configured", /needs a model/);
    // Nor may he refactor Alice's project on her model.
    expect((await callFunction(stack, bob, "POST", "/refactor", { project_id: projectId, kind: "instruction", instruction: "Tidy up" })).status).toBe(404);
  });

  it("fails a job clearly once the key its project needs is deleted", async () => {
    expect((await callFunction(stack, alice, "POST", "/settings/keys/openai/delete")).status).toBe(200);
    expect((await settings(alice)).keys).toEqual([]);
    const before = completions().length;
    const job = await explain();
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/uses openai \(gpt-4\.1-mini\) and there is no openai key: add one in Settings/);
    expect(completions().length).toBe(before);
  });
});
