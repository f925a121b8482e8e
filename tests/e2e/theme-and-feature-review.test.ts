/**
 * In real Chromium: the theme switch (system, light, dark) is remembered across
 * a reload and applied before the app's code runs, and axe passes in both
 * themes; a build stops for feature review after the code, a requested change
 * reruns the code stage and shows in the files, approval finishes the build; a
 * question without options is answered in words.
 */
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pollFor } from "../local/poll.ts";
import type { TestStack } from "../local/stack.ts";
import { buildUntilReview, closeAll, expectAccessible, screenshot, screenshotIfFailed, signUpThroughUi, startBrowserStack } from "./helpers.ts";

let stack: TestStack, browser: Browser, context: BrowserContext, page: Page, errors: string[];
let projectId: string;

// The system says light: a dark page can only come from the user's choice.
beforeAll(async () => ({ stack, browser, context, page, errors } = await startBrowserStack({ contextOptions: { colorScheme: "light" } })));
afterEach((test) => screenshotIfFailed(page, test, "failed-theme-review"));
afterAll(() => closeAll(browser, stack));

const stage = (name: string, state: string) => page.locator(`[data-stage="${name}"][data-state="${state}"]`);
const theme = (on: Page) => on.evaluate(() => ({ theme: document.documentElement.dataset.theme, background: getComputedStyle(document.documentElement).backgroundColor }));
const LIGHT_BG = "rgb(247, 247, 251)";
const DARK_BG = "rgb(15, 17, 23)";

describe("theme switch and feature review in the browser", () => {
  it("switches to dark, keeps the choice across a reload and applies it before the app runs; axe passes in both themes", async () => {
    await signUpThroughUi(page, stack.apiUrl, `themer-${randomUUID()}@example.test`);
    const picker = page.getByLabel("Theme");
    expect(await picker.inputValue()).toBe("system");
    expect(await theme(page)).toEqual({ theme: "light", background: LIGHT_BG });
    await expectAccessible(page, "projects, light");

    await picker.selectOption("dark");
    expect(await theme(page)).toEqual({ theme: "dark", background: DARK_BG });
    await expectAccessible(page, "projects, dark");
    await screenshot(page, "theme-01-dark");

    await page.reload();
    await page.getByRole("heading", { name: "Your projects" }).waitFor();
    expect(await page.getByLabel("Theme").inputValue()).toBe("dark");
    expect(await theme(page)).toEqual({ theme: "dark", background: DARK_BG });

    // No flash: with the app's scripts held back, the page is already dark.
    const bare = await context.newPage();
    await bare.route(/\/assets\/.*\.js$/, (route) => route.abort());
    await bare.goto(`${stack.apiUrl}/projects`);
    expect(await theme(bare)).toEqual({ theme: "dark", background: DARK_BG });
    await bare.close();
  });

  it("stops after the code for feature review, reruns the code with a requested change shown in the files, and finishes once approved", async () => {
    projectId = await buildUntilReview(page, { title: "Reviewed walks", idea: "A CRM for dog walkers: clients, their dogs, scheduled walks and invoices", gate: "feature" });
    await stage("code", "review").waitFor();
    expect(await stage("qa", "pending").count()).toBe(1);
    await page.locator(".timeline-log").getByText(/^Wrote README\.md/).waitFor();
    await expectAccessible(page, "feature review, dark");
    await page.getByLabel("Theme").selectOption("light");
    await expectAccessible(page, "feature review, light");

    await page.getByLabel("Comment").fill("Show the invoice total in the header");
    await page.getByRole("button", { name: "Request changes" }).click();
    await page.locator(".timeline-log").getByText(/Revising the code with 1 review comment/).waitFor({ timeout: 30_000 });
    await stage("code", "review").waitFor({ timeout: 30_000 });
    // The rerun rewrote the files the first run wrote.
    await page.locator(".timeline-log").getByText(/^Updated src\/App\.tsx \(\d+\/\d+\)$/).waitFor();
    await screenshot(page, "feature-review-01-revised");

    await page.getByRole("link", { name: "Files", exact: true }).click();
    await page.getByRole("link", { name: "App.tsx", exact: true }).click();
    await page.locator(".cm-content").getByText("// Requested in feature review: Show the invoice total in the header").waitFor();

    await page.getByRole("link", { name: "Build", exact: true }).click();
    await page.getByRole("button", { name: "Approve and continue" }).click();
    await stage("qa", "done").waitFor({ timeout: 30_000 });
    await page.getByText("Done.").waitFor();
    expect(await page.getByRole("heading", { name: "Feature review" }).count()).toBe(0);
    const { data: job } = await stack.service().from("agent_jobs").select("status, params").eq("project_id", projectId).single();
    expect(job).toMatchObject({ status: "completed", params: { review_comments: [{ stage: "code", comment: "Show the invoice total in the header" }] } });
  });

  it("answers a question without options in words, and the run continues with that answer", async () => {
    const { data: job } = await stack.service().from("agent_jobs").insert({
      project_id: projectId, user_id: (await stack.service().from("projects").select("user_id").eq("id", projectId).single()).data!.user_id,
      agent_type: "pipeline", status: "waiting_for_input",
      params: { input_context: { user_idea: "A CRM for dog walkers: clients, their dogs, scheduled walks and invoices" }, clarify: false },
      result: { reason: "clarification", questions: [{ id: "name", question: "What should the app be called?", options: null }] },
    }).select("id").single().throwOnError();
    const form = page.locator('form[aria-labelledby="clarify-title"]');
    await form.waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Send answers and continue" }).click();
    expect(await form.getByLabel("What should the app be called?").getAttribute("aria-invalid")).toBe("true");
    await form.getByLabel("What should the app be called?").fill("  Walkies  ");
    await page.getByRole("button", { name: "Send answers and continue" }).click();
    await stage("qa", "done").waitFor({ timeout: 30_000 });
    // The QA stage shows done when its stage_completed event arrives; the job's status is written after it.
    const data = await pollFor(async () => {
      const { data: row } = await stack.service().from("agent_jobs").select("status, params").eq("id", job!.id).single();
      return row?.status === "completed" ? row : undefined;
    }, "the answered job to complete");
    expect(data).toMatchObject({ params: { answers: [{ question_id: "name", answer: "Walkies" }] } });
    expect(errors).toEqual([]);
  });
});
