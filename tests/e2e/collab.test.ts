/**
 * Comments with an AI reply, live notifications and the preview iframe, in
 * real Chromium against the local stack (the web app as `npm start` serves it).
 */
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { withFunctionsEnv, type TestStack } from "../local/stack.ts";
import { startFakeGitHub, type FakeGitHub } from "../shared/fake-github.ts";
import { offlineApp } from "../../shared/offline/app.ts";
import { closeAll, expectAccessible, screenshot, screenshotIfFailed, signUpThroughUi, startBrowserStack } from "./helpers.ts";

let github: FakeGitHub;
let stack: TestStack, browser: Browser, context: BrowserContext, page: Page;
let projectId: string;
let appName: string;

beforeAll(async () => {
  github = await startFakeGitHub("ghp_collabe2etoken00000000000000000");
  ({ stack, browser, context, page } = await startBrowserStack({ plugins: withFunctionsEnv({ GITHUB_API_URL: github.url }) }));
  const email = `carol-${randomUUID()}@example.test`;
  await signUpThroughUi(page, stack.apiUrl, email);
  // The generated app goes straight into the project: these tests are about what comes after a build.
  const service = stack.service();
  const { data: users } = await service.auth.admin.listUsers();
  const userId = users.users.find((user) => user.email === email)!.id;
  const app = await offlineApp("A CRM for dog walkers");
  appName = app.requirements.app_name;
  projectId = (await service.from("projects").insert({ user_id: userId, title: "Dog CRM", mode: "builder" }).select("id").single().throwOnError()).data!.id;
  await service.from("project_files").insert(app.files.map((file) => ({ ...file, project_id: projectId }))).throwOnError();
});
afterEach((test) => screenshotIfFailed(page, test, "failed-collab"));
afterAll(() => closeAll(browser, stack, github));

describe("collaboration in the web app", () => {
  it("asks the AI about selected lines: a thread in the gutter, the AI's reply posted in it, the unread count live", async () => {
    await page.goto(`${stack.apiUrl}/projects/${projectId}/files/src/main.tsx`);
    await page.locator(".cm-content").waitFor();
    const unread = page.getByTestId("unread-count");
    await expect(unread.textContent()).resolves.toBe("0");
    // Select lines 9 to 11 with the keyboard, as a user would.
    await page.locator(".cm-line").nth(8).click();
    await page.keyboard.press("Home");
    await page.keyboard.down("Shift");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.up("Shift");
    await page.getByLabel("Comment on lines 9–11").fill("What does this render?");
    await page.getByRole("button", { name: "Ask the AI about lines 9–11" }).click();

    const reply = page.locator('.comment[data-author="AI"]');
    await reply.waitFor({ timeout: 30_000 });
    expect(await reply.textContent()).toContain("Lines 9–11 of `src/main.tsx`");
    await expect(page.locator('.comment[data-author="USER"]').first().textContent()).resolves.toContain("What does this render?");
    await page.locator(".cm-comment-marker").filter({ visible: true }).first().waitFor();
    // The AI's comment and the finished job, counted without a reload.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="unread-count"]')?.textContent) >= 2);
    await screenshot(page, "collab-01-thread-with-ai-reply");
    await expectAccessible(page, "files with comments");

    await page.getByRole("button", { name: /^Notifications/ }).click();
    await page.getByRole("region", { name: "Notifications" }).getByText(/New comment on src\/main\.tsx:9/).waitFor();
    await page.getByRole("button", { name: "Mark all read" }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="unread-count"]')?.textContent === "0");
  });

  it("previews the generated app in a sandboxed iframe, its routes working inside it", async () => {
    await page.goto(`${stack.apiUrl}/projects/${projectId}/preview`);
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    const frame = page.frameLocator("iframe.preview-frame");
    await frame.getByRole("heading", { name: appName, level: 1 }).waitFor({ timeout: 60_000 });
    expect(await page.locator("iframe.preview-frame").getAttribute("sandbox")).toBe("allow-scripts allow-forms allow-modals");
    await frame.getByRole("navigation", { name: "Main" }).getByRole("link").nth(1).click();
    await frame.locator("h1").filter({ hasNotText: appName }).first().waitFor();
    await screenshot(page, "collab-02-preview");
    await expectAccessible(page, "preview");
    await expect(page.getByRole("link", { name: /\/functions\/v1\/preview\// }).count()).resolves.toBe(1);
  });

  it("imports a GitHub repository and lists each run with its outcome", async () => {
    github.seed("walks-api", [{ path: "api/walks.ts", content: "export const walks = [];\n" }]);
    github.seed("secret", [{ path: "a.ts", content: "" }], { private: true });
    await page.goto(`${stack.apiUrl}/projects/${projectId}/export`);
    await page.getByLabel("Repository (owner/name)").fill("walker/walks-api");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByText("Imported 1 file.").waitFor();
    await page.getByLabel("Repository (owner/name)").fill("walker/secret");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: /not found \(or private/ }).waitFor();
    const runs = page.getByRole("region", { name: "GitHub runs" }).getByRole("listitem");
    // The list reloads after the failure is shown: wait for the new run before reading the order.
    await runs.filter({ hasText: "FAILED Import from walker/secret" }).waitFor();
    await expect(runs.first().textContent()).resolves.toMatch(/^FAILED Import from walker\/secret/);
    await expect(runs.nth(1).textContent()).resolves.toMatch(/^SUCCESS Import from walker\/walks-api · 1 file /);
    await expectAccessible(page, "export and import");
    await page.goto(`${stack.apiUrl}/projects/${projectId}/files/api/walks.ts`);
    await page.getByText("export const walks = [];").waitFor();
  });
});
