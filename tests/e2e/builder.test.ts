/**
 * The web app in real Chromium against a throw-away local stack: a user signs
 * up, builds an idea with the offline engine and watches it live, answers the
 * clarification if asked, edits a generated file, cancels a run, exports a zip;
 * another user sees none of it. axe-core checks the main pages.
 */
import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { unzipSync, strFromU8 } from "fflate";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { withFunctionsEnv, type TestStack } from "../local/stack.ts";
import { startFakeGitHub, type FakeGitHub } from "../shared/fake-github.ts";
import { closeAll, expectAccessible, overflowsHorizontally, screenshot, screenshotIfFailed, signUpThroughUi, startBrowserStack } from "./helpers.ts";

let github: FakeGitHub;
const GITHUB_TOKEN = `ghp_${"e2e".repeat(12)}`;
let stack: TestStack, browser: Browser, alice: BrowserContext, page: Page, errors: string[];
let projectId: string;

beforeAll(async () => {
  github = await startFakeGitHub(GITHUB_TOKEN);
  // The functions export to the fake GitHub; everything else is the default stack, the web surface included.
  ({ stack, browser, context: alice, page, errors } = await startBrowserStack({ plugins: withFunctionsEnv({ GITHUB_API_URL: github.url }) }));
});
// A failing step leaves a picture of what the user saw.
afterEach((test) => screenshotIfFailed(page, test, "failed"));
afterAll(() => closeAll(browser, stack, github));

/** The state of each stage card, e.g. "research:done wireframe:running code:pending qa:pending". */
const stageStates = (p: Page) =>
  p.$$eval("[data-stage]", (cards) => cards.map((card) => `${card.getAttribute("data-stage")}:${card.getAttribute("data-state")}`).join(" "));

describe("the web app, end to end in Chromium", () => {
  it("signs a user up, keeps the session, and shows an empty project list that says what to do", async () => {
    await page.goto(`${stack.apiUrl}/projects`);
    await page.waitForURL(/\/sign-in\?next=%2Fprojects/);
    await expectAccessible(page, "sign-in");
    await signUpThroughUi(page, stack.apiUrl, `alice-${randomUUID()}@example.test`);
    await page.getByText("No projects yet").waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Your projects" }).waitFor();
    expect(page.url()).toMatch(/\/projects$/);
    await expectAccessible(page, "projects (empty)");
  });

  it("creates a project and builds an idea, the stages completing live without a reload", async () => {
    await page.getByLabel("Title").fill("Dog CRM");
    await page.getByLabel("Description").fill("A CRM for dog walkers");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    projectId = page.url().split("/").pop()!;
    await page.getByText("Nothing built yet").waitFor();
    await page.getByRole("status").filter({ hasText: "Live" }).first().waitFor();
    await expectAccessible(page, "build (empty)");

    // A marker a reload would wipe, and a record of every state the stage cards pass through.
    await page.evaluate(() => {
      const w = window as unknown as { __noReload: boolean; __states: string[]; __liveText: string };
      w.__noReload = true;
      w.__states = [];
      w.__liveText = "";
      new MutationObserver(() => {
        const live = document.querySelector(".timeline-live")?.textContent ?? "";
        if (live.length > w.__liveText.length) w.__liveText = live;
        const now = [...document.querySelectorAll("[data-stage]")].map((c) => `${c.getAttribute("data-stage")}:${c.getAttribute("data-state")}`).join(" ");
        if (now && w.__states.at(-1) !== now) w.__states.push(now);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
    });
    await page.getByLabel("Describe the app").fill("a CRM for dog walkers");
    await page.getByRole("button", { name: "Build", exact: true }).click();

    const questions = page.getByRole("heading", { name: "A few questions first" });
    const qaDone = page.locator('[data-stage="qa"][data-state="done"]');
    await questions.or(qaDone).first().waitFor({ timeout: 30_000 });
    if (await questions.isVisible()) {
      await screenshot(page, "03-clarification");
      await expectAccessible(page, "clarification form");
      for (const group of await page.locator("form fieldset").all()) await group.getByRole("radio").first().check();
      for (const box of await page.locator('form[aria-labelledby="clarify-title"] input[type="text"]').all()) await box.fill("Dog walkers and their clients");
      await page.getByRole("button", { name: "Send answers and continue" }).click();
    }
    await qaDone.waitFor({ timeout: 30_000 });
    await page.getByText("Done.").waitFor();
    await screenshot(page, "04-build-done");

    const seen = await page.evaluate(() => (window as unknown as { __states: string[] }).__states);
    // The running stage's text arrived over the job:{id} broadcast while it ran.
    expect(await page.evaluate(() => (window as unknown as { __liveText: string }).__liveText)).not.toBe("");
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    // Live: the page showed research finished while QA had not yet.
    expect(seen.some((states) => states.includes("research:done") && !states.includes("qa:done"))).toBe(true);
    expect(await stageStates(page)).toBe("research:done wireframe:done code:done qa:done");
    await expect(page.getByText("Offline engine").first().isVisible()).resolves.toBe(true);
    expect(await page.locator(".timeline-log li").count()).toBeGreaterThan(8);
    await expectAccessible(page, "build (finished)");
  });

  it("shows the requirements by priority, the site map and the QA report", async () => {
    await page.getByRole("link", { name: "Read the specification" }).click();
    await page.getByRole("heading", { name: "Who it is for" }).waitFor();
    await page.getByRole("heading", { name: /Must have/ }).waitFor();
    await page.getByRole("heading", { name: "Site map" }).waitFor();
    await page.getByRole("heading", { name: "QA report" }).waitFor();
    expect(await page.getByText("Offline engine").count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator(".sitemap code").count()).toBeGreaterThan(1);
    await screenshot(page, "05-spec");
    await expectAccessible(page, "specification");
  });

  it("asks questions about a vague idea, checks the answers, and continues once they are sent", async () => {
    await page.getByRole("link", { name: "Build", exact: true }).click();
    await page.getByLabel("Describe the app").fill("an app");
    await page.getByRole("button", { name: "Build", exact: true }).click();
    await page.getByRole("heading", { name: "A few questions first" }).waitFor();
    await page.locator('[data-stage="research"][data-state="waiting"]').waitFor();
    await page.getByRole("button", { name: "Send answers and continue" }).click();
    expect(await page.getByText("Choose one of the options.").count()).toBe(3);
    await screenshot(page, "05b-clarification");
    await expectAccessible(page, "clarification form");
    // A reload mid-run replays the job's events and shows the same questions.
    await page.reload();
    const form = page.locator('form[aria-labelledby="clarify-title"]');
    await form.waitFor();
    const replayed = page.locator(".timeline-log li").filter({ hasText: "Research started" });
    await replayed.waitFor();
    await page.locator(".timeline-log").getByText("Waiting for your answers (3 questions)").waitFor();
    expect(await replayed.count()).toBe(1);
    for (const group of await form.locator("fieldset").all()) await group.getByRole("radio").first().check();
    await page.getByRole("button", { name: "Send answers and continue" }).click();
    await page.locator('[data-stage="qa"][data-state="done"]').waitFor({ timeout: 30_000 });
    await page.locator(".timeline-log").getByText("Answers received; resuming").waitFor();
    expect(await form.count()).toBe(0);
  });

  it("opens a generated file, saves an edit that survives a reload, and detects a conflicting save", async () => {
    await page.getByRole("link", { name: "Open the files" }).click();
    await page.getByRole("navigation", { name: /Files \(\d+\)/ }).waitFor();
    await page.getByRole("link", { name: "App.tsx", exact: true }).click();
    await page.waitForURL(/\/files\/src\/App\.tsx$/);
    const editor = page.locator(".cm-content");
    await editor.waitFor();
    await page.locator(".cm-editor .tok-keyword, .cm-line span[class]").first().waitFor(); // highlighted
    // The second run rewrote the file, so its version is not 1: read it.
    const loaded = Number((await page.locator(".badge").filter({ hasText: /^v\d+$/ }).textContent())!.slice(1));
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\n// edited in the browser\n");
    await page.getByText("Unsaved changes").waitFor();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText(`Saved as version ${loaded + 1}.`).waitFor();
    await screenshot(page, "06-editor-saved");
    await expectAccessible(page, "files");

    await page.reload();
    // CodeMirror renders only the lines near the viewport: go to the end, where the edit is.
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+End");
    await page.locator(".cm-content").getByText("// edited in the browser").waitFor();
    await page.getByText(`v${loaded + 1}`, { exact: true }).waitFor();

    // Someone else saves the same file (another tab, another device) …
    const service = stack.service();
    await service.from("project_files").update({ content: "// rewritten elsewhere\n", version: loaded + 2 }).eq("project_id", projectId).eq("path", "src/App.tsx").throwOnError();
    // … so saving from this stale copy must not overwrite it.
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("// a stale edit\n");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Changed elsewhere.").waitFor();
    await screenshot(page, "07-editor-conflict");
    await page.getByRole("button", { name: "Reload the file" }).click();
    await page.locator(".cm-content").getByText("// rewritten elsewhere").waitFor();
    await page.getByText(`v${loaded + 2}`, { exact: true }).waitFor();
    const { data } = await service.from("project_files").select("content").eq("project_id", projectId).eq("path", "src/App.tsx").single();
    expect(data!.content).toBe("// rewritten elsewhere\n");
  });

  it("cancels a second run and shows it cancelled at once", async () => {
    await page.getByRole("link", { name: "Build", exact: true }).click();
    // A vague idea makes the offline research agent ask first, so the run is still open when Cancel is pressed.
    await page.getByLabel("Describe the app").fill("an app");
    await page.getByRole("button", { name: "Build", exact: true }).click();
    const cancel = page.getByRole("button", { name: "Cancel", exact: true });
    await cancel.waitFor();
    await cancel.click();
    await page.getByText("Run cancelled.").waitFor();
    await page.locator(".timeline-log").getByText("Job cancelled").waitFor();
    await page.locator(".job-switcher + * .badge, .badge").filter({ hasText: "Cancelled" }).first().waitFor();
    await screenshot(page, "08-cancelled");

    await page.getByRole("link", { name: "History" }).click();
    const runs = page.getByRole("list", { name: "Runs" }).getByRole("listitem");
    await runs.first().waitFor();
    expect(await runs.count()).toBe(3);
    await expect(runs.nth(0).textContent()).resolves.toMatch(/Full build.*Cancelled/);
    await expect(runs.nth(1).textContent()).resolves.toMatch(/Full build.*Completed.*took/);
    await expect(runs.nth(2).textContent()).resolves.toMatch(/Full build.*Completed.*took/);
  });

  it("downloads the project as a zip holding every file, the edit included", async () => {
    await page.getByRole("link", { name: "Export" }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download zip" }).click()]);
    expect(download.suggestedFilename()).toBe("dog-crm.zip");
    const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const names = Object.keys(entries).map((name) => name.replace(/^dog-crm\//, ""));
    expect(names).toEqual(expect.arrayContaining(["package.json", "index.html", "src/main.tsx", "src/App.tsx"]));
    const app = Object.entries(entries).find(([name]) => name.endsWith("src/App.tsx"))!;
    expect(strFromU8(app[1])).toBe("// rewritten elsewhere\n");
    await expectAccessible(page, "export");
  });

  it("pushes the project to GitHub with a token it does not keep", async () => {
    await page.getByLabel("Repository name").fill("dog-crm");
    await page.getByLabel("GitHub token").fill("not a token");
    await page.getByRole("button", { name: "Push to GitHub" }).click();
    await page.getByText("not a GitHub token").waitFor();
    await page.getByLabel("GitHub token").fill(GITHUB_TOKEN);
    await page.getByRole("button", { name: "Push to GitHub" }).click();
    await page.getByText(/Pushed \d+ files to/).waitFor();
    await expect(page.getByLabel("GitHub token").inputValue()).resolves.toBe("");
    expect(github.repos.get("dog-crm")).toBeDefined();
    await screenshot(page, "08b-export");
    const stored = await page.evaluate(() => [document.cookie, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })].join(" "));
    expect(stored).not.toContain(GITHUB_TOKEN);
  });

  it("shows another tab's changes to the project list without a reload", async () => {
    const other = await alice.newPage();
    await other.goto(`${stack.apiUrl}/projects`);
    const row = other.getByRole("listitem").filter({ hasText: "Dog CRM" });
    await row.waitFor();
    await other.getByRole("status").filter({ hasText: "Live" }).waitFor();
    await page.goto(`${stack.apiUrl}/projects`);
    await page.getByRole("button", { name: "Archive Dog CRM" }).click();
    await row.getByText("Archived").waitFor();
    await page.getByRole("button", { name: "Delete Dog CRM" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete project" }).click();
    await other.getByText("No projects yet").waitFor();
    await other.close();
  });

  it("lays the main pages out at 360 px without sideways scrolling, in dark mode too", async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme: "dark", storageState: await alice.storageState() });
    const small = await phone.newPage();
    await small.goto(`${stack.apiUrl}/projects`);
    await small.getByRole("heading", { name: "Your projects" }).waitFor();
    await small.getByLabel("Title").fill("Phone project");
    await small.getByRole("button", { name: "Create project" }).click();
    await small.getByRole("heading", { name: "Live timeline" }).waitFor();
    expect(await overflowsHorizontally(small)).toBe(false);
    await screenshot(small, "09-build-360");
    await small.goto(`${stack.apiUrl}/projects`);
    await small.getByRole("link", { name: "Phone project" }).waitFor();
    expect(await overflowsHorizontally(small)).toBe(false);
    await screenshot(small, "10-projects-360-dark");
    await expectAccessible(small, "projects at 360 px, dark");
    await phone.close();
  });

  it("shows another user none of the first user's projects, jobs or files, even by URL", async () => {
    // Alice gets a fresh project with files (the first one was deleted above) via the UI's own API path.
    const { data: owner } = await stack.service().from("projects").select("user_id").limit(1).single();
    const { data: secret } = await stack
      .service()
      .from("projects")
      .insert({ user_id: owner!.user_id, title: "Alice's secret", mode: "builder" })
      .select("id")
      .single()
      .throwOnError();
    await stack.service().from("project_files").insert({ project_id: secret!.id, path: "src/secret.ts", content: "export const s = 1;" }).throwOnError();

    const bob = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const bobPage = await bob.newPage();
    await signUpThroughUi(bobPage, stack.apiUrl, `bob-${randomUUID()}@example.test`);
    await bobPage.getByText("No projects yet").waitFor();
    expect(await bobPage.getByText("Alice's secret").count()).toBe(0);
    for (const path of [`/projects/${secret!.id}`, `/projects/${secret!.id}/files/src/secret.ts`, `/projects/${secret!.id}/history`, `/projects/${projectId}/export`]) {
      await bobPage.goto(`${stack.apiUrl}${path}`);
      await bobPage.getByRole("heading", { name: "Not found" }).waitFor();
      await bobPage.getByText("No project here.").waitFor();
      expect(await bobPage.getByText("export const s").count()).toBe(0);
    }
    await screenshot(bobPage, "11-not-yours");
    await expectAccessible(bobPage, "not found");
    await bobPage.getByRole("link", { name: "Back to your projects" }).click();
    await bobPage.waitForURL(/\/projects$/);
    await bob.close();
  });

  it("teaches in student mode: a roadmap, and a mentor whose session is kept", async () => {
    await page.goto(`${stack.apiUrl}/projects`);
    await page.getByLabel("Title").fill("Learn to build a dog CRM");
    await page.getByLabel("Description").fill("A CRM for dog walkers with clients, dogs and walks");
    await page.getByRole("radio", { name: /Student/ }).check();
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("link", { name: "Learn" }).click();
    await page.getByRole("button", { name: "Write my roadmap" }).click();
    await page.getByRole("heading", { name: "Learning roadmap" }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole("listitem", { name: /^Module \d+$|^Module \d+ \(locked\)$/ }).count()).toBeGreaterThan(2);
    expect(await page.getByRole("listitem", { name: /\(locked\)/ }).count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Mark step 1 done" }).click();
    await page.getByRole("button", { name: "Mark step 2 done" }).waitFor();
    const { data: roadmaps } = await stack.service().from("learning_roadmaps").select("current_step_index");
    expect(roadmaps).toEqual([{ current_step_index: 1 }]);
    await page.getByLabel("Your question").fill("How should I store the walks and who booked them?");
    await page.getByRole("button", { name: "Ask the mentor" }).click();
    await page.getByText("Which would you pick for your app, and why?").waitFor({ timeout: 30_000 });
    await page.getByText("Earlier sessions (1)").waitFor();
    await screenshot(page, "12-student");
    await expectAccessible(page, "student mode");
    const { data } = await stack.service().from("daily_sessions").select("transcript, concepts_covered, duration_minutes");
    expect(data).toHaveLength(1);
    expect(data![0]!.transcript).toHaveLength(2);
    expect(data![0]!.concepts_covered.length).toBeGreaterThan(0);
    expect(data![0]!.duration_minutes).toBeGreaterThanOrEqual(1);
  });

  it("edits the profile: username, full name, avatar URL and skill level", async () => {
    await page.getByRole("link", { name: "Profile" }).click();
    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    await page.getByLabel("Username").fill("Not Valid!");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("3–30 lowercase letters, digits or _.", { exact: false }).nth(1).waitFor();
    await page.getByLabel("Username").fill(`alice_${Date.now() % 100000}`);
    await page.getByLabel("Full name").fill("Alice Walker");
    await page.getByLabel("Avatar URL").fill("https://example.com/alice.png");
    await page.getByLabel("Skill level").selectOption("intermediate");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Profile saved.").waitFor();
    await expectAccessible(page, "profile");
    await page.reload();
    await expect(page.getByLabel("Full name").inputValue()).resolves.toBe("Alice Walker");
    await expect(page.getByLabel("Skill level").inputValue()).resolves.toBe("intermediate");
  });

  it("signs out and guards the app's pages", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.goto(`${stack.apiUrl}/profile`);
    await page.waitForURL(/\/sign-in\?next=%2Fprofile$/);
    expect(errors).toEqual([]);
  });
});
