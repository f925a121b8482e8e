/**
 * The fix loop in the Build timeline, in real Chromium against a throw-away local stack: a job's
 * sandbox attempts arrive through the runner's SQL functions while the page is open; each shows
 * its tests and route screenshots (signed URLs of the owner's private objects, opened full size),
 * the fix after it links to its diff in Versions, and a build left unfixed offers "Try to fix again".
 * A preview that throws shows the error with "Fix this", which queues the code agent on it.
 */
import { randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../local/stack.ts";
import { closeAll, createProjectThroughUi, expectAccessible, screenshot, screenshotIfFailed, signUpThroughUi, startBrowserStack } from "./helpers.ts";

let stack: TestStack, browser: Browser, page: Page, errors: string[];
let service: SupabaseClient;
let projectId: string;
let userId: string;
let png: Buffer;

beforeAll(async () => {
  ({ stack, browser, page, errors } = await startBrowserStack());
  service = stack.service();
  await page.setContent("<h1 style='font: 48px sans-serif'>Classes</h1>");
  png = await page.screenshot();
  await signUpThroughUi(page, stack.apiUrl, `dana-${randomUUID()}@example.test`);
  projectId = await createProjectThroughUi(page, { title: "Yoga studio" });
  userId = (await service.from("projects").select("user_id").eq("id", projectId).single().throwOnError()).data!.user_id;
});
afterEach((test) => screenshotIfFailed(page, test, "failed-fix"));
afterAll(() => closeAll(browser, stack));

const rpc = async <T>(name: string, args: Record<string, unknown>) => (await service.rpc(name, args).throwOnError()).data as T;

/** One sandbox attempt of `job` as the runner does it: queued, claimed, screenshots stored, finished with its results. */
async function runAttempt(job: string, status: "passed" | "failed", results: Record<string, unknown>, routes: string[]) {
  const run = await rpc<{ id: string; attempt: number }>("request_sandbox_run", { p_job_id: job });
  await rpc("claim_sandbox_run", { p_worker: "e2e-runner", p_lease_seconds: 60 });
  const paths = [];
  for (const route of routes) {
    const path = `${userId}/${job}/${run.attempt}/${route === "/" ? "home" : route.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}.png`;
    await service.storage.from("sandbox").upload(path, png, { contentType: "image/png", upsert: true }).then(({ error }) => { if (error) throw error; });
    paths.push(path);
  }
  await rpc("finish_sandbox_run", { p_run_id: run.id, p_worker: "e2e-runner", p_status: status, p_results: results, p_screenshot_paths: paths });
}

const failing = {
  reason: "test failed: lists the classes",
  tests: [
    { name: "lists the classes", file: "src/pages/ClassesPage.test.tsx", line: 7, status: "failed", message: "expected 'Yoga' to be 'Classes'" },
    { name: "renders the home page", file: "src/pages/HomePage.test.tsx", line: 4, status: "passed" },
  ],
  routes: [{ route: "/", path: "/", rendered: true }, { route: "/classes", path: "/classes", rendered: true, exceptions: ["TypeError: classes is undefined"] }],
};
const green = {
  tests: [
    { name: "lists the classes", file: "src/pages/ClassesPage.test.tsx", line: 7, status: "passed" },
    { name: "renders the home page", file: "src/pages/HomePage.test.tsx", line: 4, status: "passed" },
  ],
  routes: [{ route: "/", path: "/", rendered: true }, { route: "/classes", path: "/classes", rendered: true }],
};

describe("the fix loop in the Build timeline, in Chromium", () => {
  it("shows each attempt live with its tests and screenshots, opens one full size, and links the fix to its diff", async () => {
    const job = await rpc<string>("create_agent_job", { p_project_id: projectId, p_user_id: userId, p_agent_type: "pipeline", p_params: { sandbox: true } });
    await page.reload();
    await page.getByRole("heading", { name: "Live timeline" }).waitFor();

    // Attempt 1 arrives while the page is open.
    await runAttempt(job, "failed", failing, ["/", "/classes"]);
    const first = page.getByRole("article", { name: "Attempt 1" });
    await first.getByText("1 passed · 1 failed").waitFor({ timeout: 20_000 });
    await first.getByText("expected 'Yoga' to be 'Classes'").waitFor();
    await first.getByText("threw: TypeError: classes is undefined").waitFor();
    const thumbs = first.getByRole("img", { name: /Screenshot of/ });
    await expect.poll(() => thumbs.count()).toBe(2);
    await expect.poll(() => thumbs.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(png.readUInt32BE(16));
    const src = await thumbs.first().getAttribute("src");
    expect(src).toContain("/storage/v1/object/sign/sandbox/");

    await first.getByRole("button", { name: "Open the screenshot of /classes full size" }).click();
    const full = page.getByRole("dialog", { name: "Screenshot of /classes (attempt 1)" });
    await full.waitFor();
    expect(await full.getByRole("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(png.readUInt32BE(16));
    await screenshot(page, "fix-01-screenshot-full-size");
    await full.getByRole("button", { name: "Close" }).click();
    await full.waitFor({ state: "hidden" });

    // Fix pass 1 saves a version; attempt 2 is green.
    await service.from("project_files").insert({ project_id: projectId, path: "src/pages/ClassesPage.tsx", content: "export const classes = [];\n" }).throwOnError();
    await rpc("record_project_manifest", { p_project_id: projectId, p_source: "code", p_job_id: job, p_note: "code stage" });
    await service.from("project_files").update({ content: "export const classes = ['Yoga'];\n" }).eq("project_id", projectId).eq("path", "src/pages/ClassesPage.tsx").throwOnError();
    await rpc("record_project_manifest", { p_project_id: projectId, p_source: "reviewer_pass_1", p_job_id: job, p_note: "reviewer_pass_1 stage" });
    await service.from("job_events").insert({ job_id: job, kind: "event", type: "file_updated", data: { path: "src/pages/ClassesPage.tsx", index: 1, total: 1, pass: 1 } }).throwOnError();
    await runAttempt(job, "passed", green, ["/", "/classes"]);
    const second = page.getByRole("article", { name: "Attempt 2" });
    await second.getByText("2 passed · 0 failed").waitFor({ timeout: 20_000 });
    await second.getByText("2 of 2 routes render").waitFor();
    await first.getByText("Fix 1 changed src/pages/ClassesPage.tsx.").waitFor();
    await expectAccessible(page, "fix attempts");
    await screenshot(page, "fix-02-attempts");

    await first.getByRole("link", { name: "See what fix 1 changed" }).click();
    await page.waitForURL(/\/versions\?from=1&to=2$/);
    await page.getByRole("heading", { name: "Compare versions" }).waitFor();
    expect(await page.getByLabel("From", { exact: true }).inputValue()).toBe("1");
    expect(await page.getByLabel("To", { exact: true }).inputValue()).toBe("2");
    await page.getByText("export const classes = ['Yoga'];").first().waitFor();
    expect(errors).toEqual([]);
  });

  it("keeps the screenshots private: another user cannot sign them", async () => {
    const { data: runs } = await service.from("sandbox_runs").select("screenshot_paths").limit(1).single().throwOnError();
    const other = await stack.signUp();
    const { data, error } = await other.client.storage.from("sandbox").createSignedUrl(runs!.screenshot_paths[0], 60);
    expect(data).toBeNull();
    expect(error).not.toBeNull();
  });

  it("offers Try to fix again on a build left unfixed, and queues more attempts", async () => {
    const stages = ["research", "wireframe", "code", "qa", "sandbox_tests_attempt_1", "reviewer_pass_1"];
    const { data: row } = await service.from("agent_jobs").insert({
      project_id: projectId, user_id: userId, agent_type: "pipeline", status: "completed", progress: 100, completed_stages: stages, params: { sandbox: true },
      result: { passed: false, sandbox: { passed: false, attempts: 1, fixes: 0, stopped: "limit", summary: "Tests: 1 passed, 1 failed · 1 of 2 routes render · 2 problems left after 1 run (fix limit reached)" } },
    }).select("id").single().throwOnError();
    await service.from("job_artifacts").insert({ job_id: row!.id, user_id: userId, stage: "reviewer_pass_1", content: { agent: "code", pass: 1, stopped: "limit", failures: [] } }).throwOnError();
    await page.goto(`${stack.apiUrl}/projects/${projectId}?job=${row!.id}`);
    await page.getByText("2 problems left after 1 run (fix limit reached)").waitFor();
    await page.getByRole("button", { name: "Try to fix again" }).click();
    await page.getByText("Fixing again: up to attempt 4").waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "Try to fix again" }).waitFor({ state: "detached" });
    const { data: events } = await service.from("job_events").select("type").eq("job_id", row!.id).order("seq").throwOnError();
    expect(events!.map((e) => e.type)[0]).toBe("fix_retry_requested");
  });
});

describe("Fix this on the live preview, in Chromium", () => {
  it("shows what the running app threw, with its stack, and sends it to the code agent as a change request", async () => {
    await service.from("project_files").upsert([
      { project_id: projectId, path: "index.html", content: `<!doctype html><html><head><title>Yoga</title></head><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>` },
      { project_id: projectId, path: "src/main.tsx", content: `import { createRoot } from "react-dom/client";\nimport { ClassList } from "./ClassList";\ncreateRoot(document.getElementById("root")!).render(<ClassList />);\n` },
      { project_id: projectId, path: "src/ClassList.tsx", content: `const classes: { name: string }[] | undefined = undefined;\nexport function ClassList() {\n  return <ul>{classes!.map((c) => <li key={c.name}>{c.name}</li>)}</ul>;\n}\n` },
    ], { onConflict: "project_id,path" }).throwOnError();
    await page.goto(`${stack.apiUrl}/projects/${projectId}/preview`);
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    const alert = page.getByRole("alert").filter({ hasText: "The app" });
    await alert.first().waitFor({ timeout: 90_000 });
    expect(await alert.count()).toBe(1);
    const text = await alert.innerText();
    expect(text).toMatch(/Cannot read properties of undefined \(reading 'map'\)|undefined is not an object/);
    await alert.getByText("Stack").click();
    // The bundle is minified: the stack names its frames in the preview's page.
    const trace = await alert.locator("pre").innerText();
    expect(trace).toMatch(/\n\s*at |@about:srcdoc/);
    await screenshot(page, "fix-03-preview-error");
    await expectAccessible(page, "preview error");

    await alert.getByRole("button", { name: "Fix this" }).click();
    await alert.getByText("Sent to the code agent.").waitFor();
    const { data: jobs } = await service.from("agent_jobs").select("id, agent_type, params").eq("project_id", projectId).eq("agent_type", "code").throwOnError();
    expect(jobs).toHaveLength(1);
    expect(jobs![0]!.params.instruction).toMatch(/The app's live preview (threw an uncaught exception|failed to render)/);
    expect(jobs![0]!.params.instruction).toContain(`Stack:\n${trace.trim().split("\n")[0]}`);
    await alert.getByRole("link", { name: "Follow the fix" }).click();
    await page.waitForURL(new RegExp(`/projects/${projectId}\\?job=${jobs![0]!.id}$`));
    await page.getByRole("heading", { name: "Live timeline" }).waitFor();
    // Chromium reports the previewed app's own error as the page's too; CodeForge threw nothing.
    expect(errors.filter((e) => !e.includes("reading 'map'"))).toEqual([]);
  }, 180_000);
});
