/**
 * The live feed when the Realtime socket drops, and the paths between views:
 * in real Chromium against a throw-away local stack, a run keeps being followed
 * over the jobs SSE stream while the page's WebSocket is refused, and recovers
 * with every job_event line exactly once; a QA issue opens its file at its line;
 * unsaved edits ask before the page is left; the mentor remembers the session.
 */
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page, WebSocketRoute } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../local/stack.ts";
import { closeAll, createProjectThroughUi, expectAccessible, screenshot, screenshotIfFailed, signUpThroughUi, startBrowserStack } from "./helpers.ts";

let stack: TestStack, browser: Browser, context: BrowserContext, page: Page, errors: string[];
let projectId: string;

/** The page's Realtime sockets, passed through to the stack unless `socketDown`, when they are refused. */
let socketDown = false;
const sockets: WebSocketRoute[] = [];

beforeAll(async () => {
  const beforePage = (context: BrowserContext) =>
    context.routeWebSocket(/\/realtime\/v1\/websocket/, (socket) => {
      if (socketDown) return socket.close({ code: 4000, reason: "test: the socket is down" });
      socket.connectToServer();
      sockets.push(socket);
    });
  ({ stack, browser, context, page, errors } = await startBrowserStack({ beforePage }));
  await signUpThroughUi(page, stack.apiUrl, `carol-${randomUUID()}@example.test`);
  projectId = await createProjectThroughUi(page, { title: "Dog CRM" });
});
afterEach((test) => screenshotIfFailed(page, test, "failed-live"));
afterAll(() => closeAll(browser, stack));

/** The seqs of the log lines on the page, in order. */
const shownSeqs = () => page.$$eval(".timeline-log li", (lines) => lines.map((line) => Number(line.getAttribute("data-seq"))));

/** The seqs of the job's events in the database, in order. */
async function storedSeqs(jobId: string): Promise<number[]> {
  const { data } = await stack.service().from("job_events").select("seq").eq("job_id", jobId).order("seq").throwOnError();
  return data!.map((row) => row.seq as number);
}

describe("the live feed and the paths between views, in Chromium", () => {
  it("follows a run over the SSE stream while the Realtime socket is down, then recovers with every line once", async () => {
    const status = page.getByRole("status").filter({ hasText: /Live|Reconnecting|Connecting/ }).first();
    await status.filter({ hasText: "Live" }).waitFor();
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    // A vague idea makes the research agent ask first: the run waits while the socket is dropped.
    await page.getByLabel("Describe the app").fill("an app");
    await page.getByRole("button", { name: "Build", exact: true }).click();
    await page.getByRole("heading", { name: "A few questions first" }).waitFor();

    socketDown = true;
    for (const socket of sockets.splice(0)) await socket.close({ code: 4001, reason: "test: drop" });
    await status.filter({ hasText: "Reconnecting…" }).waitFor();
    await status.filter({ hasText: "following over HTTP" }).waitFor();
    await screenshot(page, "20-reconnecting");
    await expectAccessible(page, "build, reconnecting");

    const form = page.locator('form[aria-labelledby="clarify-title"]');
    for (const group of await form.locator("fieldset").all()) await group.getByRole("radio").first().check();
    await page.getByRole("button", { name: "Send answers and continue" }).click();
    // The rest of the run arrives over HTTP: every stage, every line, the socket still refused.
    await page.locator('[data-stage="qa"][data-state="done"]').waitFor({ timeout: 30_000 });
    await page.getByText("Done.").waitFor();
    const { data: job } = await stack.service().from("agent_jobs").select("id").eq("project_id", projectId).single().throwOnError();
    const stored = await storedSeqs(job!.id);
    await page.locator(`.timeline-log li[data-seq="${stored.at(-1)}"]`).waitFor();
    expect(await shownSeqs()).toEqual(stored);
    expect(stored).toEqual(stored.map((_, index) => index + 1));
    await page.locator(".timeline-log").getByText("Answers received; resuming").waitFor();
    expect(await status.textContent()).toContain("Reconnecting…");
    expect(sockets).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

    // Opened while the socket is still refused, the page reads the job and its whole log over HTTP.
    await page.reload();
    await status.filter({ hasText: "Reconnecting…" }).waitFor();
    await page.locator(`.timeline-log li[data-seq="${stored.at(-1)}"]`).waitFor();
    expect(await shownSeqs()).toEqual(stored);

    socketDown = false;
    await status.filter({ hasText: "Live" }).waitFor({ timeout: 30_000 });
    expect(sockets.length).toBeGreaterThan(0);
    // The rejoin replayed from the last seq held: nothing doubled, nothing missing.
    expect(await shownSeqs()).toEqual(await storedSeqs(job!.id));
  });

  it("opens the file of a QA issue in the editor at its line", async () => {
    const { data: file } = await stack.service().from("project_files").select("content, version").eq("project_id", projectId).eq("path", "src/App.tsx").single().throwOnError();
    const lines = file!.content.split("\n");
    lines.splice(2, 0, "// TODO: remind the walkers of tomorrow's walks");
    await stack.service().from("project_files").update({ content: lines.join("\n"), version: file!.version + 1 }).eq("project_id", projectId).eq("path", "src/App.tsx").throwOnError();

    await page.getByLabel("Describe the app").fill("an app");
    await page.getByLabel("What to run").selectOption("qa");
    await page.getByRole("button", { name: "Run QA" }).click();
    // The timeline switches to the QA run (its header names the agent), which then finishes.
    await page.locator(".card strong").filter({ hasText: /^QA$/ }).waitFor();
    await page.getByText("Done.").waitFor({ timeout: 30_000 });
    await page.getByRole("link", { name: "Read the specification" }).click();
    const link = page.getByRole("link", { name: "src/App.tsx:3" });
    await link.waitFor();
    expect(await link.getAttribute("title")).toBe("Open src/App.tsx at line 3 in the editor");
    await expectAccessible(page, "specification with linked issues");
    await link.click();
    await page.waitForURL(/\/files\/src\/App\.tsx\?line=3$/);
    await page.locator(".cm-activeLine").filter({ hasText: "TODO: remind the walkers" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains("cm-content"))).toBe(true);
  });

  it("asks before leaving unsaved edits, in the app and when the page unloads", async () => {
    await page.keyboard.press("End");
    await page.keyboard.type(" // not saved yet");
    await page.getByText("Unsaved changes").waitFor();

    await page.getByRole("link", { name: "Build", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Leave without saving?" });
    await dialog.waitFor();
    await expectAccessible(page, "leave without saving");
    await dialog.getByRole("button", { name: "Stay" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(page.url()).toMatch(/\/files\/src\/App\.tsx/);
    await page.locator(".cm-content").getByText("// not saved yet").waitFor();

    await page.getByRole("link", { name: "main.tsx", exact: true }).click();
    await dialog.getByRole("button", { name: "Leave without saving" }).click();
    await page.waitForURL(/\/files\/src\/main\.tsx$/);
    const { data } = await stack.service().from("project_files").select("content").eq("project_id", projectId).eq("path", "src/App.tsx").single();
    expect(data!.content).not.toContain("not saved yet");

    // Closing the tab (or reloading) with edits asks too: the browser's own beforeunload prompt.
    await page.locator(".cm-content").click();
    await page.keyboard.type("// also not saved");
    await page.getByText("Unsaved changes").waitFor();
    const prompted = page.waitForEvent("dialog");
    await page.close({ runBeforeUnload: true });
    const prompt = await prompted;
    expect(prompt.type()).toBe("beforeunload");
    await prompt.dismiss();
    expect(page.isClosed()).toBe(false);
    await page.getByText("Unsaved changes").waitFor();
  });

  it("lists the runs with status, agent and duration, and the cost where a model ran", async () => {
    const service = stack.service();
    const { data: build } = await service.from("agent_jobs").select("id").eq("project_id", projectId).eq("agent_type", "pipeline").single().throwOnError();
    // As if a real model had run the build: the worker sums each call's usage here.
    await service.from("agent_jobs").update({ usage: { input_tokens: 10_000, output_tokens: 2_345, cost_usd: 0.0412 } }).eq("id", build!.id).throwOnError();
    page.once("dialog", (prompt) => void prompt.accept()); // leaving the unsaved edit of the step before
    await page.goto(`${stack.apiUrl}/projects/${projectId}/history`);
    const runs = page.getByRole("list", { name: "Runs" }).getByRole("listitem");
    await runs.first().waitFor();
    expect(await runs.count()).toBe(2);
    // Each run names the provider and model it ran with (agent_jobs.llm_provider, llm_model).
    await expect(runs.nth(0).textContent()).resolves.toMatch(/^QA.*Completed.*took [\d.]+ soffline · codeforge-offline-1$/);
    await expect(runs.nth(1).textContent()).resolves.toMatch(/^Full build.*Completed.*took .*\$0\.04 · 12,345 tokensoffline · codeforge-offline-1$/);
    await expectAccessible(page, "history with costs");
    await runs.nth(1).getByRole("link", { name: "Full build" }).click();
    await page.waitForURL(new RegExp(`/projects/${projectId}\\?job=${build!.id}$`));
    await page.locator('[data-stage="qa"][data-state="done"]').waitFor();
  });

  it("has a mentor that remembers the session: a follow-up continues the earlier question, and a choice is kept", async () => {
    await page.goto(`${stack.apiUrl}/projects`);
    // The browser going offline shows at once, and so does its return.
    const status = page.getByRole("status").filter({ hasText: /Live|Offline|Reconnecting|Connecting/ });
    await status.filter({ hasText: "Live" }).waitFor();
    await context.setOffline(true);
    await status.filter({ hasText: "Offline" }).waitFor();
    await context.setOffline(false);
    await status.filter({ hasText: "Live" }).waitFor();
    await createProjectThroughUi(page, { title: "Learn to build a dog CRM", description: "A CRM for dog walkers with clients, dogs and walks", student: true });
    await page.getByRole("link", { name: "Learn" }).click();

    await page.getByLabel("Your question").fill("Where should I store the walks?");
    await page.getByRole("button", { name: "Ask the mentor" }).click();
    const options = page.getByRole("list", { name: "Options" });
    await options.first().waitFor({ timeout: 30_000 });
    const first = options.first().getByRole("listitem", { name: /localStorage in the browser, Beginner/ });
    await first.getByText("Pros").waitFor();
    await first.getByText("Cons").waitFor();

    await page.getByLabel("Your question").fill("Which one is easiest for me?");
    await page.getByRole("button", { name: "Ask the mentor" }).click();
    const conversation = page.getByRole("list", { name: "Conversation" });
    await conversation.getByText("Following up on your question “Where should I store the walks?”").waitFor({ timeout: 30_000 });
    await options.nth(1).getByRole("button", { name: /^Choose Supabase tables/ }).click();
    await conversation.getByText("Your choice").waitFor();
    await screenshot(page, "21-mentor-choice");
    await expectAccessible(page, "mentor with options");

    await page.getByLabel("Your question").fill("How do I start?");
    await page.getByRole("button", { name: "Ask the mentor" }).click();
    await conversation.getByText(/you chose "Supabase tables/).waitFor({ timeout: 30_000 });
    // The session is in the history, its conversation readable.
    await page.getByText("Earlier sessions (1)").click();
    await page.locator("details details summary").filter({ hasText: /\d+ min · 3 questions/ }).click();
    await page.getByRole("list", { name: /^Session of / }).getByText("You: Which one is easiest for me?").waitFor();
    const { data } = await stack.service().from("daily_sessions").select("transcript, concepts_covered, duration_minutes");
    expect(data).toHaveLength(1);
    const transcript = data![0]!.transcript as { role: string; content: string; chosen?: string }[];
    expect(transcript.map((m) => m.role)).toEqual(["user", "mentor", "user", "mentor", "user", "mentor", "user", "mentor"]);
    expect(transcript[3]!.chosen).toBe("supabase-client");
    expect(transcript[4]!.content).toMatch(/^I choose “Supabase tables/);
    expect(data![0]!.concepts_covered).toContain("localStorage in the browser");
    expect(errors).toEqual([]);
  });
});
