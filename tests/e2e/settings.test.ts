/**
 * Settings in real Chromium against a throw-away local stack whose functions
 * check keys with a fake OpenAI: a refused key, a key that works (shown only by
 * its last four characters), a default model with a monthly cap, and a
 * project's own model.
 */
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openAiError, startFakeServer, type FakeServer } from "../shared/fake-llm-server.ts";
import { withFunctionsEnv, type TestStack } from "../local/stack.ts";
import { closeAll, createProjectThroughUi, expectAccessible, overflowsHorizontally, screenshot, screenshotIfFailed, signUpThroughUi, startBrowserStack } from "./helpers.ts";

const GOOD_KEY = "sk-good-e2e-secret-c0de";

let llm: FakeServer;
let stack: TestStack, browser: Browser, page: Page, errors: string[];

beforeAll(async () => {
  llm = await startFakeServer((request) =>
    request.headers.authorization === `Bearer ${GOOD_KEY}`
      ? { json: { object: "list", data: [{ id: "gpt-4.1-mini", object: "model" }, { id: "acme-finetune-7", object: "model" }] } }
      : { status: 401, json: openAiError("Incorrect API key provided", "invalid_api_key") },
  );
  const plugins = withFunctionsEnv({ OPENAI_BASE_URL: `${llm.url}/v1`, STUDIO_SECRETS_KEY: "e2e-secrets-key" });
  ({ stack, browser, page, errors } = await startBrowserStack({ plugins }));
});
afterEach((test) => screenshotIfFailed(page, test, "settings-failed"));
afterAll(() => closeAll(browser, stack, llm));

describe("settings, end to end in Chromium", () => {
  it("adds a key checked by the provider, sets a default model and a cap, and picks a project's model", async () => {
    await signUpThroughUi(page, stack.apiUrl, `settings-${randomUUID()}@example.test`);
    await createProjectThroughUi(page, { title: "Dog walks" });

    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { name: "Provider keys" }).waitFor();
    await expect(page.getByText("No keys yet").isVisible()).resolves.toBe(true);
    await expectAccessible(page, "settings");

    // A key the provider refuses is not saved.
    const addKey = page.getByRole("form", { name: "Add a key" });
    await addKey.getByLabel("Provider").selectOption("openai");
    await addKey.getByLabel("API key").fill("sk-revoked-0000");
    await addKey.getByRole("button", { name: "Add key" }).click();
    await addKey.getByRole("alert").filter({ hasText: "openai refused the key (HTTP 401)" }).waitFor();
    await expect(page.getByText("No keys yet").isVisible()).resolves.toBe(true);

    await addKey.getByLabel("API key").fill(GOOD_KEY);
    await addKey.getByRole("button", { name: "Add key" }).click();
    const keys = page.getByRole("list", { name: "Your keys" });
    await keys.getByText("…c0de").waitFor();
    await expect(addKey.getByLabel("API key").inputValue()).resolves.toBe("");
    expect(await page.content()).not.toContain(GOOD_KEY);

    // The default model and the cap, saved together.
    const defaults = page.getByRole("form", { name: "Defaults and monthly cap" });
    await expect(defaults.getByLabel("Spend this month").textContent()).resolves.toBe("This month: $0.00 (no cap)");
    await defaults.getByLabel("Provider").selectOption("openai");
    await defaults.getByLabel("Model").fill("gpt-banana");
    await defaults.getByLabel("Monthly cap (USD)").fill("5");
    await defaults.getByRole("button", { name: "Save" }).click();
    await defaults.getByRole("alert").filter({ hasText: 'Unknown model "gpt-banana" for openai' }).waitFor();
    await defaults.getByLabel("Model").fill("gpt-4.1-mini");
    await defaults.getByRole("button", { name: "Save" }).click();
    await page.getByRole("form", { name: "Defaults and monthly cap" }).getByLabel("Spend this month").filter({ hasText: "This month: $0.00 of your $5.00 cap" }).waitFor();

    // The project's own model: one the provider lists.
    const projectModel = page.getByRole("form", { name: "Project model" });
    await projectModel.getByLabel("Project").selectOption({ label: "Dog walks" });
    await projectModel.getByLabel("Provider").selectOption("openai");
    await projectModel.getByLabel("Model").fill("acme-finetune-7");
    await projectModel.getByRole("button", { name: "Save project model" }).click();
    await projectModel.getByRole("status").filter({ hasText: "The project's model is saved." }).waitFor();
    await screenshot(page, "settings-01-saved");

    // After a reload: the same settings, the key still only by its last four characters.
    await page.reload();
    await page.getByRole("list", { name: "Your keys" }).getByText("…c0de").waitFor();
    await expect(page.getByRole("form", { name: "Defaults and monthly cap" }).getByLabel("Model").inputValue()).resolves.toBe("gpt-4.1-mini");
    const reloaded = page.getByRole("form", { name: "Project model" });
    await reloaded.getByLabel("Project").selectOption({ label: "Dog walks" });
    await expect(reloaded.getByLabel("Model").inputValue()).resolves.toBe("acme-finetune-7");
    expect(await page.content()).not.toContain(GOOD_KEY);

    await page.getByRole("list", { name: "Your keys" }).getByRole("button", { name: "Delete the openai key" }).click();
    await page.getByText("No keys yet").waitFor();

    // On a phone the page and the header (one more link) still fit.
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(errors).toEqual([]);
  });
});
