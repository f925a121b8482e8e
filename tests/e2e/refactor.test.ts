/**
 * The Refactor tab in real Chromium, with a scripted model behind the OpenAI wire
 * format: an instruction's proposal is shown as a checked diff file by file, one
 * file is rejected and the others applied; a proposal that fails the type check is
 * shown refused with its findings and nothing to apply; a component is extracted with
 * no model.
 */
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { editsOf, extractComponent } from "../../shared/refactor/index.ts";
import { withFunctionsEnv, type TestStack } from "../local/stack.ts";
import { CLIENTS_APP, CLIENTS_PAGE } from "../shared/clients-app.ts";
import { openAiCompletion, openAiEnv, startFakeServer, type FakeServer } from "../shared/fake-llm-server.ts";
import { closeAll, createProjectThroughUi, expectAccessible, screenshot, screenshotIfFailed, signUpThroughUi, startBrowserStack } from "./helpers.ts";

const PAGE = "src/pages/Clients.tsx";
const answers: string[] = [];
let llm: FakeServer;
let stack: TestStack, browser: Browser, page: Page, errors: string[];
let projectId: string;

beforeAll(async () => {
  llm = await startFakeServer(() => ({ json: openAiCompletion(answers.shift() ?? "{}") }));
  ({ stack, browser, page, errors } = await startBrowserStack({ plugins: withFunctionsEnv(openAiEnv(llm)) }));
}, 120_000);
afterEach((test) => screenshotIfFailed(page, test, "failed-refactor"));
afterAll(() => closeAll(browser, stack, llm));

const fileContent = async (path: string) => (await stack.service().from("project_files").select("content").eq("project_id", projectId).eq("path", path).maybeSingle()).data?.content;

describe("the Refactor tab", { timeout: 180_000 }, () => {
  it("shows an instruction's checked proposal file by file and applies the accepted files", async () => {
    await signUpThroughUi(page, stack.apiUrl, `refactorer-${randomUUID()}@example.test`);
    projectId = await createProjectThroughUi(page, { title: "Clients" });
    await stack.service().from("project_files").insert(CLIENTS_APP.map((file) => ({ project_id: projectId, ...file }))).throwOnError();
    await stack.service().rpc("record_project_manifest", { p_project_id: projectId, p_source: "code" }).throwOnError();

    const files = CLIENTS_APP.map((file) => ({ ...file, version: 1 }));
    const extracted = await editsOf(files, await extractComponent(files, { path: PAGE, target: { tag: "form", occurrence: 1 }, component_name: "ClientForm" }));
    const app = CLIENTS_APP.find((file) => file.path === "src/App.tsx")!.content;
    answers.push(JSON.stringify({
      summary: "Extract the client form into ClientForm",
      edits: [...extracted.map((e) => ({ path: e.path, action: e.action, content: e.new_content })), { path: "src/App.tsx", action: "modify", content: `// The app's routes.\n${app}` }],
    }));

    await page.getByRole("link", { name: "Refactor" }).click();
    await page.getByLabel("Follow an instruction").check();
    await page.getByLabel("Instruction", { exact: true }).fill("extract the client form into its own component");
    await page.getByRole("button", { name: "Propose the change" }).click();
    const proposal = page.getByRole("region", { name: "Proposed changes" });
    await proposal.getByText("Accept: create src/pages/ClientForm.tsx").waitFor({ timeout: 90_000 });
    await page.getByText("Extract the client form into ClientForm").waitFor();
    await page.getByText(/Checked with the project applied: every file parses, imports resolve, and the TypeScript checker finds no new error/).waitFor();
    await proposal.getByRole("region", { name: `Diff of ${PAGE}` }).getByText("+        <ClientForm save={save} draft={draft} setDraft={setDraft} />").waitFor();
    await proposal.getByRole("region", { name: "Diff of src/App.tsx" }).getByText("+// The app's routes.").waitFor();
    await expectAccessible(page, "refactor proposal");
    await screenshot(page, "refactor-01-proposal");

    await page.getByLabel("Accept: change src/App.tsx").uncheck();
    await page.getByText("The check covered the whole proposal; the accepted part alone is not checked again.").waitFor();
    await page.getByRole("button", { name: "Apply to 2 file(s)" }).click();
    await page.getByText("Applied to 2 file(s), saved as version 2. 1 rejected file(s) left as they were.").waitFor();
    expect(await fileContent("src/App.tsx")).toBe(app);
    expect(await fileContent("src/pages/ClientForm.tsx")).toContain("export function ClientForm(");
    expect(await fileContent(PAGE)).toContain("<ClientForm save={save} draft={draft} setDraft={setDraft} />");
  });

  it("shows a proposal that fails the type check as refused, with its findings and nothing to apply", async () => {
    const broken = JSON.stringify({ summary: "Use a Missing component", edits: [{ path: PAGE, action: "modify", content: CLIENTS_PAGE.replace(/<form[\s\S]*<\/form>/, "<Missing />") }] });
    answers.push(broken, broken);
    await page.getByLabel("Instruction", { exact: true }).fill("use the Missing component for the form");
    await page.getByRole("button", { name: "Propose the change" }).click();
    await page.getByText("This proposal fails the project's checks and cannot be applied.").waitFor({ timeout: 60_000 });
    await page.getByRole("alert").getByText(/Cannot find name 'Missing'/).first().waitFor();
    expect(await page.getByRole("button", { name: /^Apply/ }).count()).toBe(0);
    expect(await page.getByRole("checkbox").count()).toBe(0);
    await screenshot(page, "refactor-02-refused");
    expect(await fileContent(PAGE)).toContain("<ClientForm save={save}");
  });

  it("extracts a component with no model: the table by its tag, applied as one new version", async () => {
    await page.getByLabel("Extract a component").check();
    await page.getByLabel("File", { exact: true }).fill(PAGE);
    await page.getByLabel("Component name").fill("ClientTable");
    await page.getByLabel("Element tag").fill("table");
    await page.getByRole("button", { name: "Propose the change" }).click();
    await page.getByRole("region", { name: "Proposed changes" }).getByText("Accept: create src/pages/ClientTable.tsx").waitFor({ timeout: 60_000 });
    await page.getByText("Extract <table> #1 of src/pages/Clients.tsx into ClientTable (src/pages/ClientTable.tsx)").waitFor();
    await page.getByRole("button", { name: "Apply to 2 file(s)" }).click();
    await page.getByText("Applied to 2 file(s), saved as version 3.").waitFor();
    expect(await fileContent(PAGE)).toContain("<ClientTable clients={clients} />");
    expect(await fileContent("src/pages/ClientTable.tsx")).toContain("export function ClientTable({ clients }: { clients: Client[] })");
    expect(errors).toEqual([]);
  });
});
