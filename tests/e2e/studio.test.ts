/**
 * The Studio in real Chromium against a throw-away local stack: a user places
 * an order of 6 items from the schema-generated form, watches it fulfil live,
 * likes and rates a product, adds it to a collection, and finds it by search.
 */
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../local/stack.ts";
import { closeAll, createProjectThroughUi, expectAccessible, screenshot, screenshotIfFailed, signUpThroughUi, startBrowserStack } from "./helpers.ts";

let stack: TestStack, browser: Browser, page: Page, errors: string[];
beforeAll(async () => ({ stack, browser, page, errors } = await startBrowserStack()));
afterEach((test) => screenshotIfFailed(page, test, "studio-failed"));
afterAll(() => closeAll(browser, stack));

describe("the Studio, end to end in Chromium", () => {
  it("places an order of 6 items and watches it fulfil live", async () => {
    await signUpThroughUi(page, stack.apiUrl, `studio-${randomUUID()}@example.test`);
    await createProjectThroughUi(page, { title: "Brand assets" });
    await page.getByRole("link", { name: "Studio" }).click();
    await page.getByRole("status").filter({ hasText: "Studio updates live" }).waitFor();
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    await page.getByLabel("Prompt (required)").fill("copper kettle\nsilver spoon\ngolden cup");
    await expect(page.getByTestId("item-count").textContent()).resolves.toBe("3 items");
    await page.getByLabel("Seed").fill("1, 2");
    // Usual sizes come from the lookups table (the schema's "x-lookup"); a pick fills the field.
    const widthPicks = page.locator(".field").filter({ has: page.getByLabel("Width", { exact: true }) }).getByRole("group", { name: "Usual values" });
    await widthPicks.getByRole("button", { name: "512" }).click();
    await expect(widthPicks.getByRole("button").allTextContents()).resolves.toEqual(["256", "512", "768", "1024"]);
    await expect(page.getByLabel("Width", { exact: true }).inputValue()).resolves.toBe("512");
    await page.getByLabel("Width").fill("64");
    await page.getByLabel("Height").fill("64");
    await expect(page.getByTestId("item-count").textContent()).resolves.toBe("6 items");
    await expectAccessible(page, "studio order form");
    await page.getByRole("button", { name: "Place order (6)" }).click();

    await page.locator('[data-order-status="fulfilled"]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId("order-progress").first().textContent()).resolves.toBe("6 of 6 done");
    await page.getByRole("button", { name: /^Open / }).nth(5).waitFor();
    expect(await page.getByRole("button", { name: /^Open / }).count()).toBe(6);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await screenshot(page, "studio-01-fulfilled");
  });

  it("likes and rates a product, adds it to a collection, and finds it by search", async () => {
    await page.getByLabel("New collection").fill("Kitchen");
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByRole("button", { name: "Kitchen (0)" }).waitFor();

    await page.getByRole("button", { name: "Open copper kettle" }).first().click();
    await page.getByRole("heading", { name: "copper kettle" }).waitFor();
    await page.getByRole("button", { name: "♡ Like" }).click();
    await page.getByRole("button", { name: "♥ Liked" }).waitFor();
    await page.getByLabel("4★").check();
    await page.getByText("Attempt 1 with offline/pattern-v1.").waitFor();
    await page.getByRole("button", { name: "Add to collection" }).click();
    await page.getByRole("button", { name: "Kitchen (1)" }).waitFor();
    await page.getByRole("button", { name: "Feature on the project" }).click();
    await page.getByRole("button", { name: "Featured on the project" }).waitFor();
    await expectAccessible(page, "studio product detail");
    await screenshot(page, "studio-02-detail");

    await page.getByRole("searchbox", { name: "Search" }).fill("kettle");
    await expect.poll(() => page.getByRole("button", { name: /^Open / }).count(), { timeout: 10_000 }).toBe(2);
    await page.getByLabel("Liked only").check();
    await expect.poll(() => page.getByRole("button", { name: /^Open / }).count(), { timeout: 10_000 }).toBe(1);
    await expect(page.getByRole("button", { name: /^Open / }).textContent()).resolves.toContain("★★★★");
    await page.getByRole("button", { name: "Kitchen (1)" }).click();
    await page.getByRole("list", { name: /Kitchen/ }).getByText("copper kettle").waitFor();
    expect(errors).toEqual([]);
  });

  it("reorders a collection by dragging, and keeps the order after a reload", async () => {
    await page.getByLabel("Liked only").uncheck();
    await page.getByRole("searchbox", { name: "Search" }).fill("");
    await page.getByRole("button", { name: "Open golden cup" }).first().click();
    await page.getByRole("button", { name: "Add to collection" }).click();
    await page.getByRole("button", { name: "Kitchen (2)" }).waitFor();
    const members = page.getByRole("list", { name: /Kitchen/ }).getByRole("listitem");
    await expect.poll(() => members.allTextContents()).toEqual([expect.stringContaining("copper kettle"), expect.stringContaining("golden cup")]);
    await members.nth(1).dragTo(members.nth(0));
    await expect.poll(() => members.allTextContents()).toEqual([expect.stringContaining("golden cup"), expect.stringContaining("copper kettle")]);
    await page.reload();
    await page.getByRole("button", { name: "Kitchen (2)" }).click();
    await expect.poll(() => members.allTextContents()).toEqual([expect.stringContaining("golden cup"), expect.stringContaining("copper kettle")]);
  });

  it("moves a product to the trash and restores it", async () => {
    const tiles = page.getByRole("button", { name: /^Open / });
    await expect.poll(() => tiles.count()).toBe(6);
    await page.getByRole("button", { name: "Open silver spoon" }).first().click();
    await page.getByRole("button", { name: "Move to trash" }).click();
    await expect.poll(() => tiles.count()).toBe(5);
    const trash = page.getByRole("region", { name: "Trash" });
    await trash.getByText("product: silver spoon").waitFor();
    await trash.getByRole("button", { name: "Restore" }).click();
    await expect.poll(() => tiles.count()).toBe(6);
    await trash.getByText("Nothing deleted.").waitFor();
    expect(errors).toEqual([]);
  });
});
