/** @module What the end-to-end tests do often: start a stack and a page, sign a user up through the UI, build up to a review gate, run axe, take screenshots, read zips. */
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import axe from "axe-core";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { expect, type TestContext } from "vitest";
import type { SurfacePlugin } from "../../local/surface.ts";
import { startTestStack, type TestStack } from "../local/stack.ts";
import { launchBrowser } from "./browser.ts";

/** Where screenshots go (look at them: `E2E_SCREENSHOTS=dir npm test` keeps them somewhere of your choice). */
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS ?? join(tmpdir(), "codeforge-e2e");
mkdirSync(SCREENSHOTS, { recursive: true });

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** For `afterEach`: a screenshot named `<prefix>-<test name>` when the test just run failed. */
export async function screenshotIfFailed(page: Page | undefined, test: TestContext, prefix: string): Promise<void> {
  if (page && test.task.result?.state === "fail") await screenshot(page, `${prefix}-${test.task.name.slice(0, 40).replace(/\W+/g, "-")}`).catch(() => undefined);
}

export { closeAll } from "../local/stack.ts";

/** The stack and Chromium a browser test runs against, and its one desktop-sized page, whose uncaught errors collect in `errors`. */
export interface BrowserStack {
  stack: TestStack;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * Starts a stack (with `plugins`) and Chromium side by side and opens a 1280×900 page in a new context with `contextOptions`;
 * `beforePage` runs on the context first (to route its sockets, say).
 */
export async function startBrowserStack(
  options: { plugins?: SurfacePlugin[]; contextOptions?: BrowserContextOptions; beforePage?: (context: BrowserContext) => Promise<unknown> } = {},
): Promise<BrowserStack> {
  const [stack, browser] = await Promise.all([startTestStack(options.plugins), launchBrowser()]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options.contextOptions });
  await options.beforePage?.(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { stack, browser, context, page, errors };
}

export const PASSWORD = "correct-horse-battery";

/** Signs a new user up through the sign-up form; resolves on the projects page. */
export async function signUpThroughUi(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-up`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/projects$/);
}

/** Creates a project from the projects page (a student one with `student`); resolves with its id once its page shows. */
export async function createProjectThroughUi(page: Page, options: { title: string; description?: string; student?: boolean }): Promise<string> {
  await page.getByLabel("Title").fill(options.title);
  if (options.description) await page.getByLabel("Description").fill(options.description);
  if (options.student) await page.getByRole("radio", { name: /Student/ }).check();
  await page.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}

/**
 * Creates a project from the projects page and builds `idea` with one review
 * gate checked; answers the offline agent's questions if it asks; resolves with
 * the project's id once the review panel shows.
 */
export async function buildUntilReview(page: Page, options: { title: string; idea: string; gate: "design" | "feature" }): Promise<string> {
  const projectId = await createProjectThroughUi(page, { title: options.title });
  await page.getByLabel("Describe the app").fill(options.idea);
  await page.getByLabel(options.gate === "design" ? "Stop for design review after the wireframe" : "Stop for feature review after the code").check();
  await page.getByRole("button", { name: "Build", exact: true }).click();
  const review = page.getByRole("heading", { name: options.gate === "design" ? "Design review" : "Feature review" });
  const questions = page.getByRole("heading", { name: "A few questions first" });
  await review.or(questions).first().waitFor({ timeout: 30_000 });
  if (await questions.isVisible()) {
    for (const group of await page.locator("form fieldset").all()) await group.getByRole("radio").first().check();
    await page.getByRole("button", { name: "Send answers and continue" }).click();
    await review.waitFor({ timeout: 30_000 });
  }
  return projectId;
}

/** Runs axe-core on the page and fails on serious or critical violations, listing them. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious, `${label}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

/** Whether the page scrolls sideways (it must not at 360 px). */
export const overflowsHorizontally = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
