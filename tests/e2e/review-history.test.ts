/**
 * Review gates and history in real Chromium: a build stops for design review,
 * a requested change reruns the wireframe, approval finishes the build; the
 * Versions view shows a diff between two versions, flags a corrupted one, and
 * rolls back to an earlier version.
 */
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../local/stack.ts";
import { buildUntilReview, closeAll, expectAccessible, screenshot, screenshotIfFailed, signUpThroughUi, startBrowserStack } from "./helpers.ts";

let stack: TestStack, browser: Browser, page: Page, errors: string[];
let projectId: string;

beforeAll(async () => ({ stack, browser, page, errors } = await startBrowserStack()));
afterEach((test) => screenshotIfFailed(page, test, "failed-review"));
afterAll(() => closeAll(browser, stack));

const stage = (name: string, state: string) => page.locator(`[data-stage="${name}"][data-state="${state}"]`);

describe("review gates and versions in the browser", () => {
  it("stops a build for design review, reruns the wireframe with a requested change, and finishes once approved", async () => {
    await signUpThroughUi(page, stack.apiUrl, `reviewer-${randomUUID()}@example.test`);
    projectId = await buildUntilReview(page, { title: "Walks", idea: "A CRM for dog walkers: clients, their dogs, scheduled walks and invoices", gate: "design" });
    await stage("wireframe", "review").waitFor();
    expect(await stage("code", "pending").count()).toBe(1);
    await screenshot(page, "review-01-design-review");
    await expectAccessible(page, "design review");

    await page.getByRole("button", { name: "Request changes" }).click();
    await page.locator(".field-error").getByText(/Say what to change/).waitFor();
    await page.getByLabel("Comment").fill("Add a reports page");
    await page.getByRole("button", { name: "Request changes" }).click();
    await page.locator(".timeline-log").getByText("Changes requested to Wireframe: “Add a reports page”; running it again").waitFor();
    await page.locator(".timeline-log").getByText(/Revising the design with 1 review comment/).waitFor({ timeout: 30_000 });
    await stage("wireframe", "review").waitFor({ timeout: 30_000 });
    const { data: project } = await stack.service().from("projects").select("architecture_spec").eq("id", projectId).single();
    expect(project!.architecture_spec.site_map.map((p: { path: string }) => p.path)).toContain("/reports");

    // The activity feed filters by event type.
    await page.getByLabel("Show").selectOption("type:review_requested");
    expect(await page.locator(".timeline-log li").count()).toBe(2);
    await page.getByLabel("Show").selectOption("all");

    await page.getByRole("button", { name: "Approve and continue" }).click();
    await stage("qa", "done").waitFor({ timeout: 30_000 });
    await page.getByText("Done.").waitFor();
    expect(await page.getByRole("heading", { name: "Design review" }).count()).toBe(0);
    await screenshot(page, "review-02-done");
  });

  it("shows the diff between two versions, flags a corrupted one, and rolls back", async () => {
    const service = stack.service();
    const { data: app } = await service.from("project_files").select("content").eq("project_id", projectId).eq("path", "src/App.tsx").single();
    await service.from("project_files").update({ content: `${app!.content}// tuned by hand\n`, version: 99 }).eq("project_id", projectId).eq("path", "src/App.tsx").throwOnError();
    await service.rpc("record_project_manifest", { p_project_id: projectId, p_source: "save", p_note: "src/App.tsx" }).throwOnError();
    await service.rpc("record_project_manifest", { p_project_id: projectId, p_source: "import" }).throwOnError();
    await service.from("project_manifests").update({ hash: "0".repeat(64) }).eq("project_id", projectId).eq("version", 3).throwOnError();

    await page.getByRole("link", { name: "Versions" }).click();
    await page.getByRole("heading", { name: /Versions/ }).waitFor();
    await page.locator('[data-version="3"]').getByText("Integrity check failed").waitFor();
    expect(await page.locator('[data-version="1"]').getByText("Verified").count()).toBe(1);

    await page.getByLabel("From", { exact: true }).selectOption("1");
    await page.getByLabel("To", { exact: true }).selectOption("2");
    const diff = page.getByRole("region", { name: "Differences from version 1 to version 2" });
    await diff.getByText("+// tuned by hand").waitFor();
    await page.getByText("1 changed, 0 added, 0 removed").waitFor();
    await screenshot(page, "review-03-diff");
    await expectAccessible(page, "versions");

    await page.getByRole("button", { name: "Roll back to version 1" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Roll back" }).click();
    await page.getByText("Restored version 1 as version 4.").waitFor();
    await page.locator('[data-version="4"]').waitFor();
    const { data: restored } = await service.from("project_files").select("content").eq("project_id", projectId).eq("path", "src/App.tsx").single();
    expect(restored!.content).toBe(app!.content);
    expect(errors).toEqual([]);
  });

  it("proposes a rename as a diff and applies it to every file", async () => {
    await page.getByRole("link", { name: "Refactor" }).click();
    await page.getByLabel("Symbol", { exact: true }).fill("Layout");
    await page.getByLabel("Rename to", { exact: true }).fill("Shell");
    await page.getByRole("button", { name: "Propose the change" }).click();
    const proposal = page.getByRole("region", { name: "Proposed changes" });
    await proposal.getByText(/^\+.*<Shell/).first().waitFor({ timeout: 30_000 });
    await page.getByText(/Rename Layout to Shell: \d+ occurrence\(s\) in 2 file\(s\)/).waitFor();
    await expectAccessible(page, "refactor proposal");
    await page.getByRole("button", { name: "Apply to 2 file(s)" }).click();
    await page.getByText(/Applied to 2 file\(s\), saved as version 5\./).waitFor();
    const { data } = await stack.service().from("project_files").select("content").eq("project_id", projectId).eq("path", "src/App.tsx").single();
    expect(data!.content).toContain("<Shell");
    expect(data!.content).not.toMatch(/\bLayout\b(?!")/);
  });
});
