/** @module The fix loop's outcome in one line, as the CLI and run messages print it ("Tests: 14 passed · 8 routes render · fixed in 1 attempt"). */
import type { loopResult } from "./fix-loop.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * One line for a pipeline result's `sandbox` (see loopResult).
 * @example sandboxSummary(job.result.sandbox) // "Tests: 14 passed · 8 routes render · fixed in 1 attempt"
 */
export function sandboxSummary(sandbox: NonNullable<ReturnType<typeof loopResult>>): string {
  const tests = `Tests: ${sandbox.tests.passed} passed${sandbox.tests.failed ? `, ${sandbox.tests.failed} failed` : ""}`;
  const routes = `${sandbox.routes.rendered} of ${sandbox.routes.total} routes render`.replace(/^(\d+) of \1 /, "$1 ");
  const outcome = sandbox.passed
    ? sandbox.fixes === 0 ? "green on the first run" : `fixed in ${plural(sandbox.fixes, "attempt")}`
    : `${plural(sandbox.failures.length, "problem")} left after ${plural(sandbox.attempts, "run")}${sandbox.stopped ? ` (${STOPS[sandbox.stopped]})` : ""}`;
  return [tests, routes, outcome].join(" · ");
}

const STOPS = { limit: "fix limit reached", no_change: "the fix changed nothing", repeat: "the fix repeated an earlier version" } as const;
