/**
 * @module One sandbox run's browser context: the app served from memory at a private origin,
 * every other request refused and recorded, the tests run in one page, each route loaded in
 * another; page errors, console errors and crashes captured. Times out instead of waiting.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestResult } from "./page/vitest-shim.ts";
import type { RouteCheck } from "./report.ts";
import { AppError, isAppError } from "../shared/errors.ts";

/** The origin the app is served from; it never reaches a network. */
export const APP_ORIGIN = "http://app.sandbox";
const TESTS_PATH = "/__sandbox__/tests";

/** The run went past its time or memory limit. */
export const isLimitError = (error: unknown): error is AppError => isAppError(error) && error.code === "sandbox_limit";
const limitError = (message: string) => new AppError("sandbox_limit", message);

export interface SessionAssets {
  html: string;
  appJs: string;
  css: string;
  testsJs?: string;
}

/** Most entries kept per list (errors, console errors, refused requests, test results): the page may flood them. */
const KEEP = 200;
const push = (list: string[], entry: string) => void (list.length < KEEP && list.push(entry.slice(0, 500)));

const html = (body: string, head = "") => `<!doctype html><html lang="en"><head><meta charset="UTF-8" />${head}</head><body>${body}</body></html>`;

/** The app's index.html with its module script replaced by the bundle. */
export function appHtml(indexHtml: string | undefined): string {
  const page = indexHtml ?? html('<div id="root"></div>');
  const withoutEntry = page.replace(/<script[^>]*type="module"[^>]*src="[^"]*"[^>]*>\s*<\/script>/gi, "");
  const tags = '<link rel="stylesheet" href="/__sandbox__/app.css" /><script type="module" src="/__sandbox__/app.js"></script>';
  return withoutEntry.includes("</head>") ? withoutEntry.replace("</head>", () => `${tags}</head>`) : tags + withoutEntry;
}

export class PageSession {
  /** Requests refused since the last `take()`. */
  private blocked: string[] = [];
  private errors: string[] = [];
  private consoleErrors: string[] = [];
  private crashed?: (error: AppError) => void;
  private crash = new Promise<never>((_, reject) => (this.crashed = reject));

  private constructor(readonly context: BrowserContext, readonly page: Page) {
    this.crash.catch(() => undefined);
  }

  /** A fresh context (own storage, no service workers, JavaScript on) serving `assets`. */
  static async open(browser: Browser, assets: SessionAssets, heapMb: number): Promise<PageSession> {
    const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 1280, height: 800 }, acceptDownloads: false });
    await context.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== APP_ORIGIN) {
        push(session.blocked, `${route.request().method()} ${url.href.slice(0, 200)}`);
        return route.abort("blockedbyclient");
      }
      const body = url.pathname === "/__sandbox__/app.js" ? [assets.appJs, "text/javascript"]
        : url.pathname === "/__sandbox__/app.css" ? [assets.css, "text/css"]
        : url.pathname === "/__sandbox__/tests.js" ? [assets.testsJs ?? "", "text/javascript"]
        : url.pathname === TESTS_PATH ? [html('<script type="module" src="/__sandbox__/tests.js"></script>'), "text/html"]
        : [assets.html, "text/html"];
      return route.fulfill({ status: 200, contentType: `${body[1]}; charset=utf-8`, body: body[0]! });
    });
    await context.routeWebSocket(/.*/, (socket) => {
      push(session.blocked, `WebSocket ${socket.url().slice(0, 200)}`);
      return socket.close({ code: 1008, reason: "no network in the sandbox" });
    });
    const page = await context.newPage();
    const session = new PageSession(context, page);
    page.on("pageerror", (error) => push(session.errors, `${error.name}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") push(session.consoleErrors, message.text());
    });
    page.on("crash", () => session.crashed?.(limitError(`the page crashed: out of memory (the sandbox allows ${heapMb} MB of JavaScript heap)`)));
    return session;
  }

  /** `step`, failing with a `sandbox_limit` AppError when the page crashes or `ms` pass first. */
  async limit<T>(step: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(limitError(`${what} did not finish within ${(ms / 1000).toFixed(1)} s (an endless loop?)`)), Math.max(ms, 0))));
    try {
      return await Promise.race([step, timeout, this.crash]);
    } catch (error) {
      if (isLimitError(error)) throw error;
      // A navigation cut short by a crash reports the crash.
      await Promise.race([this.crash, new Promise((r) => setTimeout(r, 50))]);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private take() {
    const taken = { blocked: this.blocked, errors: this.errors, consoleErrors: this.consoleErrors };
    this.blocked = [];
    this.errors = [];
    this.consoleErrors = [];
    return taken;
  }

  /** Runs the tests bundle in the page; errors outside tests (a file throwing on load) come back as `errors`. */
  async runTests(ms: number): Promise<{ results: TestResult[]; errors: string[] }> {
    this.take();
    const { page } = this;
    await this.limit(page.goto(APP_ORIGIN + TESTS_PATH, { waitUntil: "load", timeout: 0 }), ms, "loading the tests");
    const deadline = Date.now() + ms;
    for (;;) {
      const state = await this.limit(page.evaluate(() => (window.__sandboxTests ? { started: true, done: window.__sandboxTests.done } : { started: false, done: false })), deadline - Date.now(), "the tests");
      if (state.done) break;
      if (!state.started && this.errors.length > 0) break;
      if (Date.now() > deadline) throw limitError(`the tests did not finish within ${(ms / 1000).toFixed(1)} s (an endless loop?)`);
      await new Promise((r) => setTimeout(r, 40));
    }
    const results = await this.limit(page.evaluate((keep) => (window.__sandboxTests?.results ?? []).slice(0, keep).map((r) => ({
      name: String(r.name).slice(0, 300), file: String(r.file).slice(0, 300), status: r.status, ms: Number(r.ms) || 0, ...(r.message ? { message: String(r.message).slice(0, 1000) } : {}),
    })), KEEP * 10), 2_000, "reading the test results");
    const taken = this.take();
    return { results, errors: [...taken.errors.map((e) => `uncaught ${e}`), ...taken.blocked.map((b) => `a test tried to reach the network (blocked): ${b}`)] };
  }

  /**
   * Opens `path`, lets it settle, and reports what rendered, what failed and where its links go.
   * `inApp`: navigate as a link click does (history + popstate, no reload) in the app already loaded.
   */
  async checkRoute(route: string, path: string, ms: number, screenshot: boolean, inApp: boolean): Promise<RouteCheck> {
    const started = performance.now();
    this.take();
    const { page } = this;
    if (inApp) {
      await this.limit(page.evaluate((to) => {
        history.pushState({}, "", to);
        dispatchEvent(new PopStateEvent("popstate", { state: {} }));
      }, path), ms, `route ${path}`);
    } else {
      await this.limit(page.goto(APP_ORIGIN + path, { waitUntil: "load", timeout: 0 }), ms, `route ${path}`);
    }
    const info = await this.limit(page.evaluate(inspectPage), ms, `route ${path}`);
    const shot = screenshot ? await this.limit(page.screenshot({ type: "png", timeout: 0 }), ms, `the screenshot of ${path}`) : undefined;
    const taken = this.take();
    return {
      route,
      path,
      rendered: info.rendered,
      exceptions: taken.errors,
      consoleErrors: taken.consoleErrors.filter((e) => !/^Failed to load resource: net::ERR_BLOCKED_BY_CLIENT/.test(e)),
      ...(info.errorBoundary ? { errorBoundary: info.errorBoundary } : {}),
      blocked: taken.blocked,
      links: info.links.filter((href) => href.startsWith(APP_ORIGIN)).map((href) => href.slice(APP_ORIGIN.length) || "/"),
      text: info.text,
      ...(shot ? { screenshot: new Uint8Array(shot) } : {}),
      ms: performance.now() - started,
    };
  }

  /** Closes the context; false when the browser did not answer (then it must be replaced). */
  async close(): Promise<boolean> {
    const closed = this.context.close().then(() => true, () => false);
    return Promise.race([closed, new Promise<boolean>((r) => setTimeout(() => r(false), 3_000))]);
  }
}

/** Runs in the page: waits two frames, then reads what rendered. */
async function inspectPage() {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 30))));
  const root = document.getElementById("root") ?? document.body;
  const body = document.body.innerText ?? "";
  const boundary = /Unexpected Application Error!?|Something went wrong|Application error/i.exec(body);
  const text = [...document.querySelectorAll("title, h1, h2, h3, h4, legend, label, button, th, a, [aria-label]")]
    .map((el) => `${el.textContent ?? ""} ${el.getAttribute("aria-label") ?? ""}`.trim())
    .filter(Boolean)
    .join(" | ")
    .slice(0, 4000);
  return {
    rendered: root.childElementCount > 0 && (root.textContent ?? "").trim().length > 0,
    errorBoundary: boundary ? body.slice(Math.max(0, boundary.index - 20), boundary.index + 200).trim() : undefined,
    links: [...document.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).href),
    text,
  };
}
