/**
 * @module The sandbox: runs an untrusted generated app (type check, bundle, its tests, every route
 * of its site map in headless Chromium) with no secrets, no file system and no network beyond its
 * own bundle, within a time and a memory limit, and reports what it found.
 */
import type { Browser } from "playwright-core";
import { bundleApp, normalize, type AppFile } from "./bundle.ts";
import { launchSandboxBrowser } from "./chromium.ts";
import { appHtml, isLimitError, PageSession } from "./page-session.ts";
import { firstProblem, routeProblems, type RouteCheck, type SandboxReport, type TestOutcome } from "./report.ts";
import { hasParams, matchesRoute, routesInSource, visitPath } from "./routes.ts";
import { TypeChecker } from "./typecheck.ts";

export type { AppFile } from "./bundle.ts";
export type { RouteCheck, SandboxReport, TestOutcome } from "./report.ts";

export interface SandboxOptions {
  /** Route patterns of the site map; default: the `<Route path>`s in the app's source. */
  routes?: string[];
  /** The whole run's time limit (default 30 s). */
  timeoutMs?: number;
  /** JavaScript heap per page, MB (default 256). */
  heapMb?: number;
  /** Take a PNG of each route (default true). */
  screenshots?: boolean;
  /** Called as each step ends (build, tests, each route): the `command_run` events of the activity feed. */
  onStep?: (step: SandboxStep) => void | Promise<void>;
}

/** One finished step of a run. */
export interface SandboxStep {
  command: "build" | "typecheck" | "tests" | "route";
  status: "passed" | "failed";
  data: Record<string, unknown>;
}

/** The test's block from `line` to its closing `});` (at most 40 lines): what a fix needs to see. */
function blockAt(source: string | undefined, line: number): string | undefined {
  const lines = source?.split("\n").slice(line - 1, line + 39);
  if (!lines?.length) return undefined;
  const indent = /^\s*/.exec(lines[0]!)![0];
  const end = lines.findIndex((l, i) => i > 0 && l.startsWith(`${indent}})`));
  return lines.slice(0, end < 0 ? lines.length : end + 1).join("\n");
}

/** The line of test `name` (its last ` > ` part) in `source`. */
function lineOf(source: string | undefined, name: string): number | undefined {
  const own = name.split(" > ").pop()!;
  const index = source === undefined ? -1 : [JSON.stringify(own), `'${own}'`, `\`${own}\``].map((q) => source.indexOf(q)).find((i) => i >= 0) ?? -1;
  return index < 0 ? undefined : source!.slice(0, index).split("\n").length;
}

/**
 * A sandbox runner: one Chromium, a fresh browser context per run, replaced
 * when a run leaves it unresponsive. Runs go one at a time.
 * @example const sandbox = new Sandbox(); const report = await sandbox.run(files); await sandbox.close();
 */
export class Sandbox {
  private browser?: Promise<Browser>;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly typeChecker = new TypeChecker();

  constructor(private readonly defaults: SandboxOptions = {}) {}

  /** Runs `files` (one run at a time). */
  run(files: AppFile[], options: SandboxOptions = {}): Promise<SandboxReport> {
    const next = this.queue.then(() => this.runOne(files, { ...this.defaults, ...options }));
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.typeChecker.close();
    await this.closeBrowser();
  }

  private async closeBrowser(): Promise<void> {
    const browser = await this.browser?.catch(() => undefined);
    this.browser = undefined;
    await browser?.close().catch(() => undefined);
  }

  private async launch(heapMb: number): Promise<Browser> {
    const current = await this.browser?.catch(() => undefined);
    if (current?.isConnected()) return current;
    this.browser = launchSandboxBrowser(heapMb);
    return this.browser;
  }

  private async runOne(files: AppFile[], options: SandboxOptions): Promise<SandboxReport> {
    const started = performance.now();
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    const left = () => deadline - Date.now();
    const heapMb = options.heapMb ?? 256;
    const sources = new Map(files.map((f) => [normalize(f.path) ?? f.path, f.content]));
    const report: Omit<SandboxReport, "status" | "reason"> = {
      build: { ok: true, problems: [] },
      tests: [],
      testErrors: [],
      routes: [],
      deadLinks: [],
      ms: { typecheck: 0, bundle: 0, browser: 0, tests: 0, routes: 0, total: 0 },
    };
    const finish = (limit?: string): SandboxReport => {
      report.ms.total = performance.now() - started;
      // The bundler often reports what the type check did (a missing export): once per place.
      report.build.problems = report.build.problems.filter((p, i, all) => p.line === undefined || all.findIndex((q) => q.file === p.file && q.line === p.line) === i);
      report.build.ok = report.build.problems.length === 0;
      const reason = limit ?? firstProblem(report);
      return { ...report, status: limit ? "limit" : reason ? "failed" : "passed", ...(reason ? { reason } : {}) };
    };

    const browser = this.launch(heapMb);
    const typed = performance.now();
    // The type check runs beside the browser's work (in a worker where possible) and joins the report at the end.
    const typecheck = this.typeChecker.check(files.map((f) => ({ ...f, language: "" }))).then(async (findings) => {
      report.ms.typecheck = performance.now() - typed;
      const critical = findings.filter((f) => f.severity === "critical");
      report.build.problems.unshift(...critical.map((f) => ({ check: f.check, file: f.file, ...(f.line ? { line: f.line } : {}), message: f.message })));
      await options.onStep?.({ command: "typecheck", status: critical.length ? "failed" : "passed", data: { problems: critical.length, first: critical[0]?.message, ms: Math.round(report.ms.typecheck) } });
    });
    const bundles = await bundleApp(files);
    report.ms.bundle = bundles.ms;
    for (const p of bundles.problems) report.build.problems.push({ check: "bundle", ...p });
    await options.onStep?.({ command: "build", status: bundles.problems.length ? "failed" : "passed", data: { problems: bundles.problems.length, first: bundles.problems[0]?.message, ms: Math.round(bundles.ms) } });
    if (!bundles.app) {
      await typecheck;
      return finish();
    }

    const opened = performance.now();
    const session = await PageSession.open(await browser, { html: appHtml(sources.get("index.html")), appJs: bundles.app.js, css: bundles.app.css, ...(bundles.tests ? { testsJs: bundles.tests.js } : {}) }, heapMb);
    report.ms.browser = performance.now() - opened;
    let limit: string | undefined;
    try {
      if (bundles.tests) {
        const t = performance.now();
        const { results, errors } = await session.runTests(Math.min(left(), 20_000));
        report.tests = results.map((r): TestOutcome => {
          const line = lineOf(sources.get(r.file), r.name);
          const source = r.status === "failed" && line ? blockAt(sources.get(r.file), line) : undefined;
          return { ...r, ...(line ? { line } : {}), ...(source ? { source } : {}) };
        });
        report.testErrors = errors;
        report.ms.tests = performance.now() - t;
        const failed = report.tests.filter((x) => x.status === "failed").length;
        await options.onStep?.({ command: "tests", status: failed || errors.length ? "failed" : "passed", data: { passed: report.tests.filter((x) => x.status === "passed").length, failed, ms: Math.round(report.ms.tests) } });
      }
      const r = performance.now();
      const found = options.routes ?? routesInSource([...sources.values()]);
      const routes = found.length ? found : ["/"];
      await this.checkRoutes(session, routes, report.routes, left, options);
      report.ms.routes = performance.now() - r;
      report.deadLinks = deadLinks(report.routes, routes);
    } catch (error) {
      if (!isLimitError(error)) throw error;
      limit = error.message;
    } finally {
      if (!(await session.close())) await this.closeBrowser();
      await typecheck;
    }
    return finish(limit);
  }

  /** Visits plain routes first (their links fill the parameters of detail routes), each once. */
  private async checkRoutes(session: PageSession, routes: string[], out: RouteCheck[], left: () => number, options: SandboxOptions): Promise<void> {
    const ordered = [...routes.filter((r) => !hasParams(r)), ...routes.filter(hasParams)];
    const seen: string[] = [];
    // After a clean route the next one is opened inside the running app (no reload); after a broken one, loaded afresh.
    let healthy = false;
    for (const route of ordered) {
      const check = await session.checkRoute(route, visitPath(route, seen), Math.min(left(), 10_000), options.screenshots ?? true, healthy);
      healthy = check.rendered && check.exceptions.length === 0 && !check.errorBoundary;
      seen.push(...check.links);
      out.push(check);
      const problems = routeProblems(check);
      await options.onStep?.({ command: "route", status: problems.length ? "failed" : "passed", data: { route, path: check.path, problem: problems[0], ms: Math.round(check.ms) } });
    }
  }
}

/** Internal links that match no route of the app. */
function deadLinks(routes: RouteCheck[], patterns: string[]): { from: string; href: string }[] {
  const dead: { from: string; href: string }[] = [];
  for (const route of routes) {
    for (const href of new Set(route.links)) {
      const path = href.split(/[?#]/)[0]!;
      if (!patterns.some((p) => matchesRoute(p, path)) && !dead.some((d) => d.href === href)) dead.push({ from: route.path, href });
    }
  }
  return dead;
}
