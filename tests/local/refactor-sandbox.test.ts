/** A refactor proposal runs in the sandbox with and without it before it is shown: a clean one passes, one that breaks a route at run time is refused. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENTS_PAGE } from "../shared/clients-app.ts";
import { openAiCompletion, openAiEnv, startFakeServer, type FakeServer } from "../shared/fake-llm-server.ts";
import { callFunction, type SignedInCaller } from "./api.ts";
import { clientsProject, filesOf, refactor } from "./refactor-harness.ts";
import { startRunner } from "./sandbox-harness.ts";
import { closeAll, startStackWithUsers, withFunctionsEnv, type TestStack } from "./stack.ts";

const PAGE = "src/pages/Clients.tsx";
/** Type-checks and bundles, but the page throws as it renders. */
const THROWING = JSON.stringify({
  summary: "Guard the clients list",
  edits: [{ path: PAGE, action: "modify", content: CLIENTS_PAGE.replace("export function ClientsPage() {", 'export function ClientsPage() {\n  if (Date.now() > 0) throw new Error("the clients list broke");') }],
});

let llm: FakeServer;
let stack: TestStack, alice: SignedInCaller;
let runner: ReturnType<typeof startRunner>;

beforeAll(async () => {
  llm = await startFakeServer(() => ({ json: openAiCompletion(THROWING) }));
  ({ stack, alice } = await startStackWithUsers(withFunctionsEnv(openAiEnv(llm, { CODEFORGE_SANDBOX: "on" }))));
  runner = startRunner(stack);
}, 120_000);
afterAll(() => closeAll(runner, stack, llm));

describe("a refactor proposal in the sandbox", { timeout: 180_000 }, () => {
  it("runs the project with and without a clean proposal, passes it, and applies it", async () => {
    const project = await clientsProject(stack, alice);
    const job = await refactor(stack, alice, { project_id: project, kind: "rename_symbol", symbol: "formatName", options: { rename_to: "displayName" } });
    expect(job.status, job.error).toBe("completed");
    const { data: runs } = await alice.client.from("sandbox_runs").select("attempt, status").eq("job_id", job.job_id).order("attempt").throwOnError();
    expect(runs).toEqual([{ attempt: 1, status: "passed" }, { attempt: 2, status: "passed" }]);
    expect(job.result.proposal.check).toMatchObject({ passed: true, sandbox: "passed", findings: [] });
    const applied = await callFunction(stack, alice, "POST", `/refactor/${job.job_id}/apply`);
    expect(applied.status, await applied.clone().text()).toBe(200);
    expect((await filesOf(alice, project)).get("src/format.ts")!.content).toContain("displayName");
  });

  it("refuses a proposal that type-checks but breaks a route at run time, naming the route, and will not apply it", async () => {
    const project = await clientsProject(stack, alice);
    const job = await refactor(stack, alice, { project_id: project, kind: "instruction", instruction: "guard the clients list" });
    expect(job.status, job.error).toBe("completed");
    const check = job.result.proposal.check;
    expect(check).toMatchObject({ passed: false, type_checked: true, sandbox: "failed" });
    expect(check.findings.some((f: { check: string; file: string; message: string }) => f.check === "sandbox:routes" && f.file === "route /" && /clients list broke/.test(f.message)), JSON.stringify(check.findings)).toBe(true);
    const applied = await callFunction(stack, alice, "POST", `/refactor/${job.job_id}/apply`);
    expect(applied.status).toBe(422);
    expect((await applied.json()).code).toBe("build_failed");
    expect((await filesOf(alice, project)).get(PAGE)!.content).toBe(CLIENTS_PAGE);
  });
});
