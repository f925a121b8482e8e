/**
 * Student mode follows the student, in real Chromium against a local stack:
 * the Learn tab writes a beginner's roadmap (fundamentals first, modules
 * locked), the student switches to advanced and the new roadmap skips the
 * fundamentals, the level is kept in the profile, and finishing a module's
 * steps opens the next module.
 */
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../local/stack.ts";
import { closeAll, createProjectThroughUi, expectAccessible, screenshot, screenshotIfFailed, signUpThroughUi, startBrowserStack } from "./helpers.ts";

let stack: TestStack, browser: Browser, page: Page, errors: string[];

beforeAll(async () => {
  ({ stack, browser, page, errors } = await startBrowserStack());
  await signUpThroughUi(page, stack.apiUrl, `dana-${randomUUID()}@example.test`);
  await createProjectThroughUi(page, { title: "Learn a dog CRM", description: "A CRM for dog walkers with clients, dogs and walks", student: true });
  await page.getByRole("link", { name: "Learn" }).click();
});
afterEach((test) => screenshotIfFailed(page, test, "failed-student"));
afterAll(() => closeAll(browser, stack));

const modules = () => page.getByRole("list", { name: "Modules" }).getByRole("listitem").filter({ has: page.getByRole("heading") });
const moduleTitles = async () => (await modules().getByRole("heading").allTextContents()).map((text) => text.replace(/^\d+\. /, "").replace(/ [\d.]+ h.*$/, ""));
const about = () => page.getByLabel("About this roadmap");

describe("the Learn tab at the student's level", () => {
  it("writes a beginner's roadmap by default: fundamentals first, every module after the first locked", async () => {
    expect(await page.getByLabel("Your level").inputValue()).toBe("beginner");
    await page.getByRole("button", { name: "Write my roadmap" }).click();
    await about().waitFor({ timeout: 30_000 });
    expect(await about().textContent()).toContain("Level: Beginner");
    expect((await moduleTitles()).slice(0, 2)).toEqual(["Web fundamentals: HTML, CSS and JavaScript", "React fundamentals"]);
    const count = await modules().count();
    expect(await page.getByRole("listitem", { name: /^Module \d+ \(locked\)$/ }).count()).toBe(count - 1);
    await expectAccessible(page, "learn (beginner)");
  });

  it("writes a new roadmap when the student picks advanced: no fundamentals, fewer hours, and the level kept in the profile", async () => {
    const beginnerHours = Number(/(\d+(?:\.\d+)?) h in all/.exec((await about().textContent()) ?? "")![1]);
    await page.getByLabel("Your level").selectOption("advanced");
    await page.getByRole("button", { name: "Write a new roadmap" }).click();
    await page.getByText("Level: Advanced").waitFor({ timeout: 30_000 });
    const titles = await moduleTitles();
    expect(titles[0]).toBe("Set up the project");
    expect(titles.join(" ")).not.toMatch(/fundamentals/i);
    const advancedHours = Number(/(\d+(?:\.\d+)?) h in all/.exec((await about().textContent()) ?? "")![1]);
    expect(advancedHours).toBeLessThan(beginnerHours);
    const { data: profiles } = await stack.service().from("profiles").select("skill_level");
    expect(profiles).toEqual([{ skill_level: "advanced" }]);
    await screenshot(page, "student-level-advanced");
  });

  it("opens the next module when the student finishes the last step of the one before", async () => {
    await page.getByRole("listitem", { name: "Module 2 (locked)" }).waitFor();
    // The advanced set-up module has one step: marking it done finishes the module.
    await page.getByRole("button", { name: "Mark step 1 done" }).click();
    await page.getByRole("listitem", { name: "Module 2", exact: true }).waitFor();
    await page.getByRole("button", { name: "Mark step 2 done" }).waitFor();
    expect(await page.getByRole("listitem", { name: "Module 3 (locked)" }).count()).toBe(1);
    const { data } = await stack.service().from("learning_roadmaps").select("current_step_index, modules").order("created_at", { ascending: false }).limit(1).single();
    expect(data!.current_step_index).toBe(1);
    expect(data!.modules.slice(0, 3).map((m: { is_locked: boolean }) => m.is_locked)).toEqual([false, false, true]);
  });

  it("shows the level chosen on the Learn tab on the profile page", async () => {
    await page.getByRole("link", { name: "Profile" }).click();
    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    expect(await page.getByLabel("Skill level").inputValue()).toBe("advanced");
    expect(errors).toEqual([]);
  });
});
