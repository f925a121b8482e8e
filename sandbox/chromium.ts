/** @module Headless Chromium for the sandbox: @sparticuz/chromium's build driven by playwright-core, with a JS heap limit per page. */
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser } from "playwright-core";

/**
 * @sparticuz/chromium's flags (made for AWS Lambda) that would weaken isolation
 * between the untrusted page and everything else: web security, site isolation,
 * one process for all.
 */
const DROPPED = new Set(["--disable-web-security", "--allow-running-insecure-content", "--single-process", "--disable-site-isolation-trials", "--disable-features=AudioServiceOutOfProcess,IsolateOrigins,site-per-process"]);

/** Launches Chromium whose pages may use at most `heapMb` of JavaScript heap each (an allocating loop crashes the page, not the runner). */
export async function launchSandboxBrowser(heapMb: number): Promise<Browser> {
  const executablePath = await chromium.executablePath();
  const args = [
    ...chromium.args.filter((arg) => !DROPPED.has(arg)),
    // Chromium's own OS sandbox needs user namespaces the runner's container may not grant; the runner's container is the outer wall.
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    `--js-flags=--max-old-space-size=${heapMb}`,
  ];
  return playwright.launch({ executablePath, args: [...new Set(args)], headless: true, env: {} });
}
