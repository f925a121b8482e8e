/**
 * An attacker's stored HTML and SVG, opened by a signed-in user in real Chromium:
 * Storage serves them inert, so their script never runs on the stack's origin
 * and cannot read the session the SPA keeps there.
 */
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../local/stack.ts";
import { launchBrowser } from "./browser.ts";
import { closeAll, signUpThroughUi } from "./helpers.ts";

let stack: TestStack;
let browser: Browser;
let page: Page;
const apiRequests: string[] = [];

// Each payload marks the page if its script runs, and tries to use the session it finds.
const steal = `document.title = "ran:" + document.cookie.length;
  fetch("/rest/v1/projects?select=*&stolen=1", { headers: { apikey: "x", authorization: "Bearer " + document.cookie } });`;
const payloads = {
  "evil.html": { type: "text/html", body: `<!doctype html><html><body><h1>Hello</h1><script>${steal}</script></body></html>` },
  "evil.svg": { type: "image/svg+xml", body: `<svg xmlns="http://www.w3.org/2000/svg"><script>${steal}</script><circle r="5"/></svg>` },
  "evil.xhtml": { type: "application/xhtml+xml", body: `<html xmlns="http://www.w3.org/1999/xhtml"><body><script>${steal}</script></body></html>` },
};

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  page = await (await browser.newContext()).newPage();
  page.on("request", (request) => {
    if (request.url().includes("stolen=1")) apiRequests.push(request.url());
  });
  await signUpThroughUi(page, stack.apiUrl, `victim-${randomUUID()}@example.test`);
});
afterAll(() => closeAll(browser, stack));

async function plant(name: keyof typeof payloads): Promise<string> {
  const { type, body } = payloads[name];
  const service = stack.service();
  const path = `planted/${randomUUID()}/${name}`;
  const upload = await service.storage.from("previews").upload(path, new Blob([body], { type }), { contentType: type });
  expect(upload.error).toBeNull();
  const signed = await service.storage.from("previews").createSignedUrl(path, 60);
  expect(signed.error).toBeNull();
  return signed.data!.signedUrl;
}

describe("stored user content opened by a signed-in user", () => {
  it("has a session on the stack's origin worth stealing", async () => {
    const cookies = await page.context().cookies(stack.apiUrl);
    expect(cookies.some((cookie) => cookie.name.includes("auth-token"))).toBe(true);
  });

  it.each(Object.keys(payloads) as (keyof typeof payloads)[])("serves %s inert: its script never runs", async (name) => {
    apiRequests.length = 0;
    const url = await plant(name);
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await page.waitForTimeout(300);
    expect(await page.title()).not.toMatch(/^ran:/);
    expect(apiRequests).toEqual([]);
    expect(await page.evaluate(() => document.contentType)).toBe("text/plain");
    expect(await page.locator("body").innerText()).toContain("<script>");
    const headers = response!.headers();
    expect(headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["content-security-policy"]).toBe("sandbox");
  });
});
