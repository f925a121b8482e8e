import { expect, it } from "vitest";
import { sandboxSummary } from "./sandbox-summary.ts";

const base = { passed: true, attempts: 2, fixes: 1, status: "passed" as const, tests: { passed: 14, failed: 0 }, routes: { rendered: 8, total: 8 }, failures: [] };

it("says how many tests passed, routes render and attempts the fix took", () => {
  expect(sandboxSummary(base)).toBe("Tests: 14 passed · 8 routes render · fixed in 1 attempt");
  expect(sandboxSummary({ ...base, attempts: 1, fixes: 0 })).toBe("Tests: 14 passed · 8 routes render · green on the first run");
});

it("names what is left and why the loop stopped when the app is not green", () => {
  const failed = { ...base, passed: false, attempts: 3, fixes: 2, status: "failed" as const, stopped: "limit" as const, tests: { passed: 12, failed: 2 }, routes: { rendered: 7, total: 8 }, failures: [{ check: "tests", message: "a" }, { check: "routes", message: "b" }] };
  expect(sandboxSummary(failed)).toBe("Tests: 12 passed, 2 failed · 7 of 8 routes render · 2 problems left after 3 runs (fix limit reached)");
});
