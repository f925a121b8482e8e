/** @module What one sandbox run reports: build problems, test results, route checks, dead links, limits hit. */
import type { CheckFinding } from "../shared/agents/types.ts";
import type { BuildProblem } from "./bundle.ts";

/** One of the app's tests as it ran in the page. */
export interface TestOutcome {
  name: string;
  file: string;
  /** 1-based line of the test's name in its file, when found. */
  line?: number;
  status: "passed" | "failed" | "skipped";
  message?: string;
  /** A failed test's source, from its `it(` to its end. */
  source?: string;
  ms: number;
}

/** One route of the site map, rendered in the page. */
export interface RouteCheck {
  /** The route pattern (`/clients/:id`). */
  route: string;
  /** The path visited (`/clients/clients-1`). */
  path: string;
  rendered: boolean;
  /** Uncaught exceptions and unhandled rejections while the route loaded. */
  exceptions: string[];
  consoleErrors: string[];
  /** The text of an error boundary or router error page, when one showed. */
  errorBoundary?: string;
  /** Requests the sandbox refused (any origin but the app's own). */
  blocked: string[];
  /** Internal links on the page, as paths. */
  links: string[];
  /** Headings, labels, buttons and link texts: what a user can find on the page. */
  text: string;
  screenshot?: Uint8Array;
  ms: number;
}

export interface SandboxReport {
  /** passed: everything green; failed: the app has problems; limit: the run hit the time or memory limit. */
  status: "passed" | "failed" | "limit";
  /** The first problem, in words. */
  reason?: string;
  build: { ok: boolean; problems: (BuildProblem & { check: CheckFinding["check"] | "bundle" })[] };
  tests: TestOutcome[];
  /** Errors outside any test (a test file that throws on load, a blocked request). */
  testErrors: string[];
  routes: RouteCheck[];
  deadLinks: { from: string; href: string }[];
  ms: { typecheck: number; bundle: number; browser: number; tests: number; routes: number; total: number };
}

/** A route's problems, in words (empty when it is fine). */
export function routeProblems(route: RouteCheck): string[] {
  return [
    ...(route.rendered ? [] : [`${route.path} rendered nothing`]),
    ...route.exceptions.map((e) => `${route.path} threw: ${e}`),
    ...(route.errorBoundary ? [`${route.path} showed an error: ${route.errorBoundary}`] : []),
    ...route.consoleErrors.map((e) => `${route.path} logged a console error: ${e}`),
    ...route.blocked.map((b) => `${route.path} tried to reach the network (blocked): ${b}`),
  ];
}

/** The first problem of a finished run, or undefined when it is green. */
export function firstProblem(report: Omit<SandboxReport, "status" | "reason">): string | undefined {
  const problem = report.build.problems[0];
  if (problem) return `build: ${problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ""}: ` : ""}${problem.message}`;
  if (report.testErrors[0]) return `tests: ${report.testErrors[0]}`;
  const failed = report.tests.find((t) => t.status === "failed");
  if (failed) return `test failed: ${failed.name} (${failed.file}${failed.line ? `:${failed.line}` : ""}): ${failed.message}`;
  for (const route of report.routes) {
    const first = routeProblems(route)[0];
    if (first) return `route ${first}`;
  }
  const dead = report.deadLinks[0];
  if (dead) return `dead link on ${dead.from}: ${dead.href} is no route of the app`;
  return undefined;
}
