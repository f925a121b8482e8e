/** @module Real Chromium for the end-to-end tests: the sandbox's launcher (playwright-core driving @sparticuz/chromium's headless build, no browser download needed). */
export { launchChromium as launchBrowser } from "../../sandbox/chromium.ts";
