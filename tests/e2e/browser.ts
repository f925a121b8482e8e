/** @module Real Chromium for the end-to-end tests: playwright-core driving @sparticuz/chromium's headless build (no browser download needed). */
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser } from "playwright-core";

/**
 * Flags of @sparticuz/chromium (made for AWS Lambda) we drop: CORS must stay
 * on, so the tests see what a user's browser does, and `--single-process`
 * takes the whole browser down when one of several contexts closes.
 */
const DROPPED = new Set(["--disable-web-security", "--allow-running-insecure-content", "--single-process"]);

/** Launches headless Chromium (unpacked by @sparticuz/chromium on first use, into /tmp). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await chromium.executablePath();
  const args = [
    ...chromium.args.filter((arg) => !DROPPED.has(arg)),
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ];
  return playwright.launch({ executablePath, args: [...new Set(args)], headless: true });
}
