import { describe, expect, it } from "vitest";
import { verdict } from "./checks.ts";
import type { RouteCheck, SandboxReport } from "./report.ts";

const route = (path: string, text: string, links: string[], extra: Partial<RouteCheck> = {}): RouteCheck =>
  ({ route: path, path, rendered: true, exceptions: [], consoleErrors: [], blocked: [], links, text, ms: 1, ...extra });
const report = (routes: RouteCheck[], extra: Partial<SandboxReport> = {}): SandboxReport => ({
  status: "passed",
  build: { ok: true, problems: [] },
  tests: [{ name: "a > b", file: "src/a.test.tsx", line: 3, status: "passed", ms: 1 }],
  testErrors: [],
  routes,
  deadLinks: [],
  ms: { typecheck: 0, bundle: 0, browser: 0, tests: 0, routes: 0, total: 0 },
  ...extra,
});
const requirements = { core_features: [
  { name: "Client records", description: "Keep every client's details", priority: "must-have" as const },
  { name: "Invoices", description: "Bill each walk", priority: "must-have" as const },
  { name: "Reports", description: "Monthly charts", priority: "nice-to-have" as const },
] };

describe("verdict", () => {
  it("passes a run whose routes render, links resolve, tests pass and must-haves are reachable", () => {
    const v = verdict(report([route("/", "Home | Clients | Invoices", ["/clients", "/invoices"]), route("/clients", "Clients | Add client", ["/"]), route("/invoices", "Invoices", ["/"])]), requirements);
    expect(v.checks.filter((c) => !c.passed)).toEqual([]);
    expect(v.passed).toBe(true);
  });

  it("fails a must-have feature no route reached from / names, and names it", () => {
    const v = verdict(report([route("/", "Home | Clients", ["/clients"]), route("/clients", "Clients", []), route("/billing", "Invoices", [])]), requirements);
    expect(v.checks.find((c) => c.check === "features")!.failures.map((f) => f.message)).toEqual(['must-have feature "Invoices" is reachable from no route (no page reached from / names it)']);
    expect(v.passed).toBe(false);
  });

  it("fails routes with an exception, a console error or an error boundary, and dead links, with the route", () => {
    const v = verdict(report([route("/", "Clients Invoices", [], { exceptions: ["Error: boom"], consoleErrors: ["Warning: x"], errorBoundary: "Unexpected Application Error!" })], { deadLinks: [{ from: "/", href: "/nowhere" }] }), requirements);
    const failed = Object.fromEntries(v.checks.map((c) => [c.check, c.failures.map((f) => f.message)]));
    expect(failed.routes).toEqual(["/ threw: Error: boom", "/ showed an error: Unexpected Application Error!", "/ logged a console error: Warning: x"]);
    expect(failed.links).toEqual(["/nowhere (linked from /) is no route of the app"]);
  });

  it("fails on a failed test with its file and line, and on a run that hit a limit", () => {
    const v = verdict(report([], { status: "limit", reason: "the tests did not finish within 5.0 s (an endless loop?)", tests: [{ name: "a > b", file: "src/a.test.tsx", line: 3, status: "failed", message: "AssertionError: expected 1 to be 2", ms: 1 }] }));
    expect(v.checks.find((c) => c.check === "tests")!.failures).toEqual([{ message: "a > b: AssertionError: expected 1 to be 2", file: "src/a.test.tsx", line: 3 }]);
    expect(v.checks.find((c) => c.check === "routes")!.failures[0]!.message).toMatch(/endless loop/);
  });
});
