/**
 * @module `npx tsx bench/web.ts`: the web app in real Chromium on the local stack —
 * a job row changing in the database to the builder's live timeline showing it
 * (progress updates and log lines, 100 each), and time to interactive of the
 * project page (navigation start → the idea box visible and enabled). Measured
 * from the outside, through the DOM.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { defaultPlugins } from "../local/server.ts";
import { ensureWebBuild } from "../local/web/build.ts";
import { launchBrowser } from "../tests/e2e/browser.ts";
import { signUpThroughUi } from "../tests/e2e/helpers.ts";
import { startTestStack } from "../tests/local/stack.ts";
import { ms, percentile, table } from "./stats.ts";

const UPDATES = Number(process.env.UPDATES ?? 100);
const LOADS = Number(process.env.LOADS ?? 10);
const WARMUP = 5;

type BenchWindow = Window & {
  __want?: { selector: string; text: string; exact: boolean } | null;
  __hit?: { dom: number; frame: number | null } | null;
};

await ensureWebBuild({ quiet: true });
// No scheduler: nothing but this script touches the job it inserts.
const plugins = defaultPlugins.filter((plugin) => plugin.name !== "scheduler");
const [stack, browser] = await Promise.all([startTestStack(plugins), launchBrowser()]);
const errors: string[] = [];

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // tsx (esbuild keepNames) wraps named functions in the callbacks below with __name(); give the page one.
  await context.addInitScript("globalThis.__name = (fn) => fn;");
  const page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  const service = stack.service();

  // A user, signed up in the browser, with a project made through the UI.
  await signUpThroughUi(page, stack.apiUrl, `bench-web-${randomUUID()}@example.test`);
  await page.getByLabel("Title").fill("Bench");
  await page.getByLabel("Description").fill("Timeline latency");
  await page.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  const projectUrl = page.url();
  const projectId = projectUrl.split("/").pop()!;
  const { data: project } = await service.from("projects").select("user_id").eq("id", projectId).single().throwOnError();
  const userId = (project as { user_id: string }).user_id;

  // A running job; the page picks it up over Realtime (agent_jobs by project).
  const { data: job } = await service
    .from("agent_jobs")
    .insert({ project_id: projectId, user_id: userId, agent_type: "pipeline", status: "running", progress: 0, params: { input_context: { user_idea: "bench" } } })
    .select("id")
    .single()
    .throwOnError();
  const jobId = (job as { id: string }).id;
  await page.locator(".timeline-progress").waitFor({ timeout: 15_000 });
  await page.getByRole("status").filter({ hasText: "Live" }).first().waitFor({ timeout: 15_000 });

  // Offset of the page's clock (timeOrigin + now) from Node's Date.now(), from the tightest of 20 round trips.
  let skew = 0;
  let bestRtt = Infinity;
  for (let i = 0; i < 20; i++) {
    const before = Date.now();
    const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = Date.now();
    if (after - before < bestRtt) {
      bestRtt = after - before;
      skew = pageNow - (before + after) / 2;
    }
  }

  // In the page: on every DOM mutation, look for the wanted text; record when it appears and the frame after.
  await page.evaluate(() => {
    const w = window as BenchWindow;
    w.__want = null;
    w.__hit = null;
    const check = () => {
      const want = w.__want;
      if (!want || w.__hit) return;
      const found = [...document.querySelectorAll(want.selector)].some((el) => (want.exact ? el.textContent?.trim() === want.text : el.textContent?.includes(want.text)));
      if (!found) return;
      const hit = { dom: performance.timeOrigin + performance.now(), frame: null as number | null };
      w.__hit = hit;
      requestAnimationFrame(() => (hit.frame = performance.timeOrigin + performance.now()));
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });

  interface Sample {
    dom: number;
    frame: number;
    write: number;
  }
  /** Arms the observer, runs the write, waits for the text in the page; latencies from just before the write. */
  async function measure(want: { selector: string; text: string; exact: boolean }, write: () => PromiseLike<unknown>): Promise<Sample> {
    await page.evaluate((w) => {
      (window as BenchWindow).__hit = null;
      (window as BenchWindow).__want = w;
    }, want);
    const t0 = Date.now();
    await write();
    const written = Date.now();
    await page.waitForFunction(() => (window as BenchWindow).__hit?.frame != null, undefined, { timeout: 10_000, polling: "raf" });
    const hit = (await page.evaluate(() => (window as BenchWindow).__hit))!;
    return { dom: hit.dom - skew - t0, frame: hit.frame! - skew - t0, write: written - t0 };
  }

  // 1a. progress: UPDATE agent_jobs → the "n%" next to the progress bar (every value distinct).
  const progressSamples: Sample[] = [];
  for (let i = 0; i < WARMUP + UPDATES; i++) {
    // 1, 2, … 100, 1, …: each differs from the one before, so the text changes every time.
    const value = (i % 100) + 1;
    const sample = await measure({ selector: ".timeline-progress span", text: `${value}%`, exact: true }, () =>
      service.from("agent_jobs").update({ progress: value }).eq("id", jobId).throwOnError(),
    );
    if (i >= WARMUP) progressSamples.push(sample);
  }

  // 1b. log line: INSERT job_events → a new line in the activity log.
  const logSamples: Sample[] = [];
  for (let i = 0; i < WARMUP + UPDATES; i++) {
    const message = `bench line ${i} ${randomUUID()}`;
    const sample = await measure({ selector: ".timeline-log li", text: message, exact: false }, () =>
      service.from("job_events").insert({ job_id: jobId, user_id: userId, seq: 0, kind: "log", level: "info", message }).throwOnError(),
    );
    if (i >= WARMUP) logSamples.push(sample);
  }

  // 2. Time to interactive of the project page: navigation start → "Describe the app" visible and enabled.
  await page.addInitScript(() => {
    const w = window as Window & { __ready?: number };
    const check = () => {
      if (w.__ready !== undefined) return;
      const label = [...document.querySelectorAll("label")].find((l) => l.textContent?.trim().startsWith("Describe the app"));
      const box = label?.htmlFor ? (document.getElementById(label.htmlFor) as HTMLTextAreaElement | null) : null;
      if (!box || box.disabled) return;
      const rect = box.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || getComputedStyle(box).visibility === "hidden") return;
      w.__ready = performance.now();
      observer.disconnect();
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, attributes: true });
  });
  interface Load {
    ttfb: number;
    dcl: number;
    load: number;
    ready: number;
  }
  const loads: Load[] = [];
  for (let i = 0; i < 2 + LOADS; i++) {
    await page.goto(projectUrl);
    await page.waitForFunction(() => (window as Window & { __ready?: number }).__ready !== undefined, undefined, { timeout: 15_000, polling: "raf" });
    await page.waitForLoadState("load");
    const load = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return { ttfb: nav.responseStart, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, ready: (window as Window & { __ready?: number }).__ready! };
    });
    if (i >= 2) loads.push(load);
  }

  const row = (label: string, values: number[], target = "—") => [label, ms(percentile(values, 50)), ms(percentile(values, 99)), ms(Math.max(...values)), target];
  console.log(`\n### Database change → live timeline in Chromium (${UPDATES} updates each, after ${WARMUP} warm-up)\n`);
  console.log(
    table(
      ["path", "p50", "p99", "max", "target"],
      [
        row("UPDATE agent_jobs.progress → “n%” in the DOM", progressSamples.map((s) => s.dom), "p99 < 100 ms"),
        row("  … → next animation frame", progressSamples.map((s) => s.frame)),
        row("  (service-role PATCH round trip)", progressSamples.map((s) => s.write)),
        row("INSERT job_events log → line in the DOM", logSamples.map((s) => s.dom), "p99 < 100 ms"),
        row("  … → next animation frame", logSamples.map((s) => s.frame)),
        row("  (service-role POST round trip)", logSamples.map((s) => s.write)),
      ],
    ),
  );
  console.log(`\nClocks: Date.now() in Node, performance.timeOrigin + now() in the page; measured offset ${skew.toFixed(2)} ms (best round trip ${bestRtt} ms), subtracted.`);

  const median = (pick: (l: Load) => number) => ms(percentile(loads.map(pick), 50));
  console.log(`\n### Project page load on the local stack (warm, median of ${LOADS}, from navigation start)\n`);
  console.log(
    table(
      ["milestone", "median", "max"],
      [
        ["first byte (responseStart)", median((l) => l.ttfb), ms(Math.max(...loads.map((l) => l.ttfb)))],
        ["DOMContentLoaded end", median((l) => l.dcl), ms(Math.max(...loads.map((l) => l.dcl)))],
        ["load event end", median((l) => l.load), ms(Math.max(...loads.map((l) => l.load)))],
        ["idea box visible and enabled (interactive)", median((l) => l.ready), ms(Math.max(...loads.map((l) => l.ready)))],
      ],
    ),
  );
  if (errors.length) console.log(`\nPage errors: ${errors.join("; ")}`);
} finally {
  await browser.close();
  await stack.close();
}
