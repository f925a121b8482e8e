/** Refactor by instruction through the function, with a scripted model behind the OpenAI wire format: a checked proposal, a refused one, a repaired one. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editsOf, extractComponent } from "../../shared/refactor/index.ts";
import { CLIENTS_APP, CLIENTS_PAGE } from "../shared/clients-app.ts";
import { openAiCompletion, openAiEnv, startFakeServer, type FakeServer } from "../shared/fake-llm-server.ts";
import { callFunction, type SignedInCaller } from "./api.ts";
import { clientsProject, filesOf, refactor } from "./refactor-harness.ts";
import { closeAll, startStackWithUsers, withFunctionsEnv, type TestStack } from "./stack.ts";

const PAGE = "src/pages/Clients.tsx";
const INSTRUCTION = "extract the client form into its own component";
/** What the model answers next, in order. */
const answers: string[] = [];
let llm: FakeServer;
let stack: TestStack, alice: SignedInCaller, mallory: SignedInCaller;

/** A good answer: the form moved to ClientForm.tsx, as a careful model would write it. */
let good: string;
/** A bad one: the page calls <ClientForm /> that exists nowhere. */
const bad = JSON.stringify({
  summary: "Use a ClientForm component",
  edits: [{ path: PAGE, action: "modify", content: CLIENTS_PAGE.replace(/<form[\s\S]*<\/form>/, "<ClientForm />") }],
});

beforeAll(async () => {
  const files = CLIENTS_APP.map((file) => ({ ...file, version: 1 }));
  const edits = await editsOf(files, await extractComponent(files, { path: PAGE, target: { tag: "form", occurrence: 1 }, component_name: "ClientForm" }));
  good = JSON.stringify({ summary: "Extract the client form into ClientForm", edits: edits.map((e) => ({ path: e.path, action: e.action, content: e.new_content })) });
  llm = await startFakeServer(() => ({ json: openAiCompletion(answers.shift() ?? "{}", { usage: [1200, 300] }) }));
  ({ stack, alice, bob: mallory } = await startStackWithUsers(withFunctionsEnv(openAiEnv(llm))));
}, 120_000);
afterAll(() => closeAll(stack, llm));

describe("refactor by instruction", { timeout: 120_000 }, () => {
  it("shows the model's edits once they pass the checks, records the usage, and applies them", async () => {
    const project = await clientsProject(stack, alice);
    answers.push(good);
    const before = llm.requests.length;
    const job = await refactor(stack, alice, { project_id: project, kind: "instruction", instruction: INSTRUCTION });
    expect(job.status, job.error).toBe("completed");
    expect(job.result.proposal).toMatchObject({ summary: "Extract the client form into ClientForm", check: { passed: true, type_checked: true, findings: [] } });
    expect(job.result.proposal.edits.map((e: { path: string; action: string; base_version: number | null }) => [e.path, e.action, e.base_version])).toEqual([
      ["src/pages/ClientForm.tsx", "create", null],
      [PAGE, "modify", 1],
    ]);

    const request = llm.requests[before]!.body;
    expect(llm.requests.length - before).toBe(1);
    expect(request.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "refactor_edits" } });
    expect(request.messages.at(-1).content).toContain(`Instruction: ${INSTRUCTION}`);
    expect(request.messages.at(-1).content).toContain(`=== ${PAGE} ===\n${CLIENTS_PAGE}`);
    const row = (await alice.client.from("agent_jobs").select("usage").eq("id", job.job_id).single()).data!;
    expect(row.usage).toMatchObject({ input_tokens: 1200, output_tokens: 300 });

    expect((await callFunction(stack, alice, "POST", `/refactor/${job.job_id}/apply`)).status).toBe(200);
    const files = await filesOf(alice, project);
    expect(files.get(PAGE)!.content).toContain("<ClientForm save={save} draft={draft} setDraft={setDraft} />");
    expect(files.get("src/pages/ClientForm.tsx")!.content).toContain("export function ClientForm(");
  });

  it("refuses a proposal that fails the type check: the model gets the findings once, then apply answers 422 with the report", async () => {
    const project = await clientsProject(stack, alice);
    answers.push(bad, bad);
    const before = llm.requests.length;
    const job = await refactor(stack, alice, { project_id: project, kind: "instruction", instruction: INSTRUCTION });
    expect(job.status, job.error).toBe("completed");
    const { check } = job.result.proposal;
    expect(check.passed).toBe(false);
    expect(check.findings).toContainEqual(expect.objectContaining({ check: "types", file: PAGE, message: expect.stringContaining("Cannot find name 'ClientForm'") }));

    expect(llm.requests.length - before).toBe(2);
    const repair = llm.requests[before + 1]!.body.messages.at(-1).content;
    expect(repair).toContain("Your edits fail the project's checks");
    expect(repair).toContain(`${PAGE}:`);
    expect(repair).toContain("Cannot find name 'ClientForm'");

    const refused = await callFunction(stack, alice, "POST", `/refactor/${job.job_id}/apply`);
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body).toMatchObject({ code: "build_failed", error: "The proposal fails the project's checks, so it cannot be applied." });
    expect(body.details).toEqual(check.findings);
    expect((await filesOf(alice, project)).get(PAGE)).toEqual({ content: CLIENTS_PAGE, version: 1 });
  });

  it("keeps a repaired answer that passes", async () => {
    const project = await clientsProject(stack, alice);
    answers.push(bad, good);
    const job = await refactor(stack, alice, { project_id: project, kind: "instruction", instruction: INSTRUCTION, scope: { paths: [PAGE] } });
    expect(job.result.proposal.check.passed).toBe(true);
    const events = (await alice.client.from("job_events").select("message").eq("job_id", job.job_id).order("seq")).data!.map((e) => e.message);
    expect(events).toContain("Proposal 1: 1 new problem(s)");
    expect(events).toContain("Proposal 2: passes the checks");
  });

  it("refuses edits that name files the project does not have", async () => {
    const project = await clientsProject(stack, alice);
    const ghost = JSON.stringify({ summary: "x", edits: [{ path: "src/Ghost.tsx", action: "modify", content: "export {};" }] });
    answers.push(ghost, ghost);
    const job = await refactor(stack, alice, { project_id: project, kind: "instruction", instruction: INSTRUCTION });
    expect(job.result.proposal).toMatchObject({ edits: [], check: { passed: false, findings: [{ check: "proposal", file: "src/Ghost.tsx", message: "modify names a file the project does not have" }] } });
    expect((await callFunction(stack, alice, "POST", `/refactor/${job.job_id}/apply`)).status).toBe(422);
  });

  it("answers 400 naming the field for a bad instruction, and 404 to another user", async () => {
    const project = await clientsProject(stack, alice);
    for (const [body, field] of [
      [{ instruction: "x".repeat(2001) }, "instruction"],
      [{ instruction: INSTRUCTION, scope: { paths: ["../etc"] } }, "scope"],
      [{ instruction: INSTRUCTION, model: "gpt-9" }, "model"],
    ] as const) {
      const response = await callFunction(stack, alice, "POST", "/refactor", { project_id: project, kind: "instruction", ...body });
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(JSON.stringify(await response.json())).toContain(field);
    }
    const before = llm.requests.length;
    expect((await callFunction(stack, mallory, "POST", "/refactor", { project_id: project, kind: "instruction", instruction: INSTRUCTION })).status).toBe(404);
    expect(llm.requests.length).toBe(before);
  });
});
