/**
 * The chat view in real Chromium against a throw-away local stack: a user
 * chats a build into existence, watches the reply stream in and the run's
 * artifacts appear, attaches a file with upload progress, adds a project
 * document and gets an answer from it, asks for a change
 * and sees it applied. axe-core checks the page.
 */
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../local/stack.ts";
import { closeAll, expectAccessible, screenshot, screenshotIfFailed, signUpThroughUi, startBrowserStack } from "./helpers.ts";

let stack: TestStack, browser: Browser, context: BrowserContext, page: Page, errors: string[];

beforeAll(async () => {
  ({ stack, browser, context, page, errors } = await startBrowserStack());
  await signUpThroughUi(page, stack.apiUrl, `chat-${randomUUID()}@example.test`);
});
afterEach((test) => screenshotIfFailed(page, test, "chat-failed"));
afterAll(() => closeAll(browser, stack));

const thread = () => page.getByRole("list", { name: "Messages" });
const sendMessage = async (text: string) => {
  await page.getByRole("textbox", { name: "Your message" }).fill(text);
  await page.getByRole("button", { name: "Send" }).click();
};

describe("the chat view, end to end in Chromium", () => {
  it("chats a build into existence: the reply streams, the run's artifacts appear inline", async () => {
    await page.getByRole("link", { name: "Chat" }).click();
    await page.getByRole("button", { name: "New chat" }).click();
    await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
    await page.getByRole("status").filter({ hasText: "Live" }).first().waitFor();

    // Record every streamed draft the page shows, to see the text grow before it is stored.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { draftTexts: string[] }).draftTexts = seen;
      new MutationObserver(() => {
        for (const draft of document.querySelectorAll("[data-streaming] .chat-message-body")) seen.push(draft.textContent ?? "");
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await sendMessage("Build a recipe box where families share recipes and plan weekly meals");

    const reply = page.locator('.chat-message-assistant[data-role="assistant"]').first();
    await reply.waitFor({ timeout: 20_000 });
    const drafts = await page.evaluate(() => (window as unknown as { draftTexts: string[] }).draftTexts);
    const final = (await reply.locator(".chat-message-body").textContent())!;
    expect(final).toContain("I'll build");
    // Streaming: partial texts were on screen, each a beginning of the final reply, growing.
    const partial = [...new Set(drafts)].filter((text) => text.length > 0 && text.length < final.length);
    expect(partial.length).toBeGreaterThan(1);
    for (const text of partial) expect(final.startsWith(text)).toBe(true);
    expect(Number(await reply.getAttribute("data-streamed-pieces"))).toBeGreaterThan(1);

    await thread().getByText(/The build is done: \d+ files/).waitFor({ timeout: 60_000 });
    await thread().getByText(/^Requirements: /).waitFor();
    await thread().getByText(/^Site map: \d+ pages/).waitFor();
    await thread().getByText(/^Files: \d+/).waitFor();
    await expect(page.getByRole("link", { name: "src/styles.css" }).count()).resolves.toBeGreaterThan(0);
    await page.getByRole("link", { name: "Open in the builder" }).waitFor();
    await expectAccessible(page, "chat thread");
    await screenshot(page, "chat-built");
  });

  it("uploads an attachment with progress and sends it with a message", async () => {
    await page.locator('input[type="file"]:not([accept])').setInputFiles({ name: "brief.txt", mimeType: "text/plain", buffer: Buffer.from("Families want a shopping list.") });
    await page.locator('progress[data-done="true"]').waitFor();
    await sendMessage("What does my brief say?");
    await page.locator('.chat-message-user', { hasText: "What does my brief say?" }).waitFor();
    const threadId = page.url().split("/").pop()!;
    const { data } = await stack.service().from("message_attachments").select("original_name, mime_type, size_bytes").eq("thread_id", threadId);
    expect(data).toEqual([{ original_name: "brief.txt", mime_type: "text/plain", size_bytes: 30 }]);
  });

  it("refuses a file type the bucket does not take, saying why", async () => {
    await page.locator('input[type="file"]:not([accept])').setInputFiles({ name: "tool.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ") });
    await page.getByText(/only text, Markdown, CSV, JSON, PDF and images can be attached/).waitFor();
    await page.getByRole("button", { name: "Remove" }).click();
  });

  it("adds a project document and answers a question from it", async () => {
    await page.getByText(/^Project documents/).click();
    await page.locator('input[type="file"][accept*=".pdf"]').setInputFiles({ name: "policy.md", mimeType: "text/markdown", buffer: Buffer.from("# Refunds\n\nA cancelled meal plan is refunded within 5 days.") });
    await page.getByText("policy.md (1 passages)").waitFor({ timeout: 15_000 });
    await sendMessage("How are cancelled meal plans refunded?");
    await thread().locator('[data-role="assistant"]', { hasText: "refunded within 5 days" }).waitFor({ timeout: 15_000 });
  });

  it("applies a follow-up to the files and shows the changed file", async () => {
    await sendMessage("Make the header blue");
    await thread().getByText("The change is applied.").waitFor({ timeout: 30_000 });
    await thread().getByText("Files: 1").waitFor();
    expect(errors).toEqual([]);
  });
});
