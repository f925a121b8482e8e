/**
 * The fix loop end to end through the functions with a scripted model: the worker's agents talk to a
 * fake OpenAI server that writes broken code first (a type error, a route that throws, a dead link,
 * a failing test) and repairs a file when a fix pass shows it that file's failure; a real sandbox
 * runner runs every attempt. A model that changes nothing stops the loop (passed: false), and
 * "Try to fix again" then gets it fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { planFiles } from "../../shared/agents/file-plan.ts";
import { embedText } from "../../shared/embeddings/feature-hashing.ts";
import { offlineCodeFile } from "../../shared/offline/code/index.ts";
import { offlineResearch } from "../../shared/offline/research.ts";
import { offlineWireframe } from "../../shared/offline/wireframe.ts";
import { inject, type FaultClass } from "../../sandbox/corpus/index.ts";
import { openAiCompletion, openAiEmbeddings, openAiEnv, openAiStream, startFakeServer, type FakeServer, type RecordedRequest, type Reply } from "../shared/fake-llm-server.ts";
import { callFunction } from "./api.ts";
import { pollFor } from "./poll.ts";
import { startRunner } from "./sandbox-harness.ts";
import { closeAll, startStackWithUsers, withFunctionsEnv, type SignedUpUser, type TestStack } from "./stack.ts";

const IDEA = "a booking system for a small yoga studio: classes, instructors and bookings";
const requirements = offlineResearch({ user_idea: IDEA });
const wireframe = offlineWireframe({ requirements, project_type: "booking", patterns: [] });
const plan = planFiles(wireframe);

/** Which check reports each fault (sandbox/checks.ts), as the fix instruction tags it. */
const CHECK: Record<string, string> = { "type-error": "build", "render-exception": "routes", "dead-link": "links", "failing-test": "tests" };

/** The scripted model: `repair` fixes a file when shown its failure; `noop` answers every fix with the file unchanged. */
let mode: "repair" | "noop" = "repair";
const broken = new Map<string, FaultClass>();
const intended = new Map<string, string>();

function written(path: string): string {
  const file = plan.find((f) => f.path === path);
  if (!file) throw new Error(`the fake was asked for ${path}, which is not planned`);
  const code = offlineCodeFile({ requirements, wireframe, plan, file }).code;
  const pageFaults: FaultClass[] = ["type-error", "render-exception", "dead-link"];
  const used = [...broken.values()];
  const kind = path.endsWith(".test.tsx") ? (/^src\/pages\//.test(path) && !used.includes("failing-test") ? "failing-test" : undefined)
    : /^src\/pages\/\w+Page\.tsx$/.test(path) ? pageFaults.find((k) => !used.includes(k)) : undefined;
  if (!kind) return code;
  const faulty = inject([{ path, content: code }], kind, 0).files[0]!.content;
  if (faulty === code) return code;
  broken.set(path, kind);
  intended.set(path, code);
  return faulty;
}

/** A fix pass's request for `path` (a model test kept beside the floor's is repaired like the floor's file). */
function revised(path: string, instruction: string, current: string): string {
  const planned = path.replace(/\.model\.test\./, ".test.");
  const fault = broken.get(planned);
  if (mode === "noop" || !fault || !instruction.includes(`[${CHECK[fault]}]`)) return current;
  return intended.get(planned)!;
}

function answer(request: RecordedRequest): Reply {
  // Pattern retrieval embeds with the provider's model since the provider is OpenAI.
  if (request.path.endsWith("/embeddings")) return { json: openAiEmbeddings(request.body, embedText) };
  const body = request.body as { stream?: boolean; messages: { role: string; content: string }[]; response_format?: { json_schema?: { name?: string } } };
  const task = body.response_format?.json_schema?.name;
  const user = body.messages.filter((m) => m.role === "user").map((m) => m.content).join("\n");
  let output: unknown;
  if (task === "clarify") output = { needs_clarification: false, questions: [] };
  else if (task === "research") output = requirements;
  else if (task === "wireframe") output = wireframe;
  else if (task === "qa") output = { passed: true, issues: [], summary: "The app covers the requirements." };
  else if (task === "code") {
    const path = /^Write (\S+) \(/m.exec(user)?.[1];
    const change = /^Change to make: ([\s\S]*?)\n\nCurrent (\S+):\n([\s\S]*)\n\nReturn the whole file/m.exec(user);
    const file = change ? change[2]! : path!;
    const code = change ? revised(file, change[1]!, change[3]!) : written(file);
    output = { file_path: file, code, language: "typescript", explanation: "scripted" };
  } else throw new Error(`the fake has no answer for task ${task}`);
  const text = JSON.stringify(output);
  return body.stream ? { sse: openAiStream([text]) } : { json: openAiCompletion(text) };
}

let llm: FakeServer;
let stack: TestStack, service: SupabaseClient, alice: SignedUpUser;
let runner: ReturnType<typeof startRunner>;

beforeAll(async () => {
  llm = await startFakeServer(answer);
  ({ stack, service, alice } = await startStackWithUsers(withFunctionsEnv(openAiEnv(llm, { CODEFORGE_LLM_TIMEOUT_MS: "30000" }))));
  runner = startRunner(stack);
}, 120_000);
afterAll(() => closeAll(runner, stack, llm));

type Job = { status: string; result: any; completed_stages: string[] };

async function build(): Promise<string> {
  broken.clear();
  intended.clear();
  const project = (await alice.client.from("projects").insert({ user_id: alice.userId, title: "Yoga", mode: "builder" }).select("id").single().throwOnError()).data!.id;
  const params = { input_context: { user_idea: IDEA }, clarify: false, sandbox: true };
  const { data: jobId } = await service.rpc("create_agent_job", { p_project_id: project, p_user_id: alice.userId, p_agent_type: "pipeline", p_params: params }).throwOnError();
  await callFunction(stack, { apikey: stack.keys.anonKey, token: stack.keys.serviceRoleKey }, "POST", "/worker", { job_id: jobId });
  return jobId as string;
}

const ended = (jobId: string) => pollFor(async () => {
  const { data } = await alice.client.from("agent_jobs").select("status, result, completed_stages").eq("id", jobId).single();
  return data && ["completed", "failed", "waiting_for_input", "cancelled"].includes(data.status) ? (data as Job) : undefined;
}, "the job to end", 240_000);

describe("the fix loop through the functions with a scripted model", () => {
  it("repairs a type error, a throwing route, a dead link and a failing test the model wrote, and ends passed", async () => {
    mode = "repair";
    const id = await build();
    const job = await ended(id);
    expect([...broken.values()].sort()).toEqual(["dead-link", "failing-test", "render-exception", "type-error"]);
    expect(job.status).toBe("completed");
    expect(job.result.passed, JSON.stringify(job.result.sandbox?.failures)).toBe(true);
    // A build error hides test failures until it is fixed: the failing test may surface on attempt 2.
    const attempts = job.result.sandbox.attempts as number;
    expect(attempts === 2 || attempts === 3).toBe(true);
    expect(job.result.sandbox).toMatchObject({ passed: true, fixes: attempts - 1, failures: [] });
    expect(job.completed_stages.at(-1)).toBe(`sandbox_tests_attempt_${attempts}`);
    const { data: runs } = await alice.client.from("sandbox_runs").select("attempt, status, results").eq("job_id", id).order("attempt").throwOnError();
    expect(runs!.map((r) => r.status)).toEqual([...Array(attempts - 1).fill("failed"), "passed"]);
    const failedChecks = runs!.slice(0, -1).flatMap((r) => r.results.verdict.checks.filter((c: { passed: boolean }) => !c.passed).map((c: { check: string }) => c.check));
    expect([...new Set(failedChecks)].sort()).toEqual(["build", "links", "routes", "tests"]);
    // The model's requests went through the structured-output path, tests included.
    // The model's failing test was kept beside the deterministic floor, which stays at the planned path.
    const project = (await service.from("agent_jobs").select("project_id").eq("id", id).single().throwOnError()).data!.project_id;
    const { data: files } = await service.from("project_files").select("path").eq("project_id", project).throwOnError();
    const paths = files!.map((f) => f.path as string);
    const testFile = [...broken.entries()].find(([, kind]) => kind === "failing-test")![0];
    expect(paths).toEqual(expect.arrayContaining([testFile, testFile.replace(/\.test\.tsx$/, ".model.test.tsx")]));
    expect(llm.requests.some((r) => ((r.body.messages ?? []) as { content: string }[]).some((m) => /^Write src\/pages\/\w+\.test\.tsx \(/m.test(m.content)))).toBe(true);
  }, 300_000);

  it("stops on a fix that changes nothing with passed: false, and Try to fix again then gets it fixed", async () => {
    mode = "noop";
    const id = await build();
    const stopped = await ended(id);
    expect(stopped.status).toBe("completed");
    expect(stopped.completed_stages.slice(4)).toEqual(["sandbox_tests_attempt_1", "reviewer_pass_1"]);
    expect(stopped.result).toMatchObject({ passed: false, sandbox: { passed: false, attempts: 1, fixes: 0, stopped: "no_change" } });
    expect(stopped.result.sandbox.failures.length).toBeGreaterThan(0);

    mode = "repair";
    const response = await callFunction(stack, alice, "POST", `/jobs/${id}/fix-again`, { attempts: 3 });
    expect(response.status).toBe(200);
    const fixed = await ended(id);
    expect(fixed.status).toBe("completed");
    expect(fixed.result.passed).toBe(true);
    expect(fixed.result.sandbox.attempts).toBeGreaterThanOrEqual(2);
    const { data: artifacts } = await alice.client.from("job_artifacts").select("stage").eq("job_id", id).throwOnError();
    expect(artifacts!.map((a) => a.stage)).toContain("reviewer_pass_1:retry1");
  }, 400_000);
});
