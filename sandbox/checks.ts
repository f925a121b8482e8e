/**
 * @module The deterministic checks of a sandbox run (`deterministic_tests`, no test file needed):
 * the app builds; every route renders without an uncaught exception, an error boundary or a
 * console error; every internal link targets a route; each must-have feature is reachable from
 * some route. With the app's own tests they make the run's verdict.
 */
import type { RequirementsDoc } from "../shared/protocol/index.ts";
import { routeProblems, type SandboxReport } from "./report.ts";
import { matchesRoute } from "./routes.ts";

/** One failed expectation, with where it is when known. */
export interface CheckFailure {
  message: string;
  file?: string;
  line?: number;
  route?: string;
  /** A failed test's source, for the fix. */
  source?: string;
}

export interface CheckResult {
  check: "build" | "routes" | "links" | "features" | "tests";
  passed: boolean;
  failures: CheckFailure[];
}

export interface Verdict {
  passed: boolean;
  checks: CheckResult[];
}

const STOP = new Set("a an and are as at be by can each for from has have in into is it its of on or our see that the their them they this to up use used uses using via when where which who will with without your you user users app".split(" "));

/** Significant, roughly singular words of `text`. */
function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((w) => !STOP.has(w)).map((w) => w.replace(/(ies)$/, "y").replace(/(?<=[^s])s$/, "").replace(/ing$/, ""));
}

/** Routes a user reaches from `/` by following links (all routes when the app has no `/`). */
function reachable(report: SandboxReport): SandboxReport["routes"] {
  const home = report.routes.find((r) => r.route === "/");
  if (!home) return report.routes;
  const seen = new Set([home]);
  const queue = [home];
  while (queue.length) {
    const route = queue.shift()!;
    for (const link of route.links) {
      for (const next of report.routes) {
        if (!seen.has(next) && matchesRoute(next.route, link.split(/[?#]/)[0]!)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
  }
  return [...seen];
}

/** A must-have feature is reachable when a route reached from `/` names one of its words in a heading, label, button or link. */
function featureFailures(report: SandboxReport, requirements: Pick<RequirementsDoc, "core_features"> | undefined): CheckFailure[] {
  const musts = requirements?.core_features.filter((f) => f.priority === "must-have") ?? [];
  const texts = reachable(report).map((r) => new Set(words(r.text)));
  return musts
    .filter((feature) => !words(`${feature.name} ${feature.description}`).some((w) => texts.some((t) => t.has(w))))
    .map((feature) => ({ message: `must-have feature "${feature.name}" is reachable from no route (no page reached from / names it)` }));
}

/**
 * The run's verdict: the four deterministic checks, then the app's own tests.
 * @example verdict(report, requirements).checks.filter((c) => !c.passed)
 */
export function verdict(report: SandboxReport, requirements?: Pick<RequirementsDoc, "core_features">): Verdict {
  const build: CheckFailure[] = report.build.problems.map((p) => ({ message: `${p.check}: ${p.message}`, ...(p.file ? { file: p.file } : {}), ...(p.line ? { line: p.line } : {}) }));
  const routes: CheckFailure[] = report.routes.flatMap((r) => routeProblems(r).map((message) => ({ message, route: r.route })));
  if (report.status === "limit") routes.push({ message: report.reason ?? "the run hit the sandbox's limits" });
  else if (report.routes.length === 0) routes.push({ message: "no route was rendered" });
  const links: CheckFailure[] = report.deadLinks.map((d) => ({ message: `${d.href} (linked from ${d.from}) is no route of the app`, route: d.from }));
  const tests: CheckFailure[] = [
    ...report.testErrors.map((message) => ({ message })),
    ...report.tests.filter((t) => t.status === "failed").map((t) => ({ message: `${t.name}: ${t.message ?? "failed"}`, file: t.file, ...(t.line ? { line: t.line } : {}), ...(t.source ? { source: t.source } : {}) })),
  ];
  const failures = { build, routes, links, features: featureFailures(report, requirements), tests };
  const checks = (Object.entries(failures) as [CheckResult["check"], CheckFailure[]][]).map(([check, list]): CheckResult => ({ check, passed: list.length === 0, failures: list }));
  return { passed: checks.every((c) => c.passed), checks };
}
