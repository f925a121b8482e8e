/** @module Headless Chromium: @sparticuz/chromium's build driven by playwright-core, for the sandbox (a JS heap limit per page) and the end-to-end tests. */
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser } from "playwright-core";

/**
 * @sparticuz/chromium's flags (made for AWS Lambda) we drop: web security and
 * CORS stay on (the sandbox isolates untrusted pages; the tests see what a
 * user's browser does), and `--single-process` takes the whole browser down
 * when one of several contexts closes.
 */
const DROPPED = new Set(["--disable-web-security", "--allow-running-insecure-content", "--single-process", "--disable-site-isolation-trials", "--disable-features=AudioServiceOutOfProcess,IsolateOrigins,site-per-process"]);

/** Launches headless Chromium (unpacked by @sparticuz/chromium on first use, into /tmp) with `extraArgs`, and no environment of ours. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
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
    ...extraArgs,
  ];
  return playwright.launch({ executablePath, args: [...new Set(args)], headless: true, env: {} });
}

/** Chromium whose pages may use at most `heapMb` of JavaScript heap each (an allocating loop crashes the page, not the runner). */
export const launchSandboxBrowser = (heapMb: number): Promise<Browser> => launchChromium([`--js-flags=--max-old-space-size=${heapMb}`]);
