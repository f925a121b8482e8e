import { afterAll, describe, expect, it } from "vitest";
import { verdict } from "../../sandbox/checks.ts";
import { FAULT_CLASSES, inject } from "../../sandbox/corpus/index.ts";
import { offlineApp } from "../../shared/offline/app.ts";
import { Sandbox } from "../../sandbox/index.ts";

const sandbox = new Sandbox({ screenshots: false });
afterAll(() => sandbox.close());
const app = offlineApp("inventory tracker for a bakery");

describe("the sandbox on a generated app", () => {
  it("passes the clean app: it builds, its tests pass, every route renders, links resolve, must-haves are reachable", async () => {
    const { files, routes, requirements } = await app;
    const report = await sandbox.run(files, { routes });
    const v = verdict(report, requirements);
    expect(v.checks.filter((c) => !c.passed)).toEqual([]);
    expect(report.tests.length).toBeGreaterThan(5);
    expect(report.routes.map((r) => r.route).sort()).toEqual([...routes].sort());
  }, 60_000);

  it("passes an app whose records are named like the code's own types and the language's globals", async () => {
    const { files, routes, requirements } = await offlineApp("A farm office app: fields, records, events, dates, maps, promises, errors, options, nodes, responses, files, objects");
    expect(routes).toEqual(expect.arrayContaining(["/fields", "/records", "/events", "/dates", "/errors", "/options", "/files", "/objects"]));
    const v = verdict(await sandbox.run(files, { routes }), requirements);
    expect(v.checks.filter((c) => !c.passed)).toEqual([]);
  }, 60_000);

  it.each(FAULT_CLASSES)("catches an injected %s with the check it targets", async (kind) => {
    const { files, routes, requirements } = await app;
    const faulty = inject(files, kind, 1);
    const report = await sandbox.run(faulty.files, { routes });
    const v = verdict(report, requirements);
    const failed = v.checks.find((c) => c.check === faulty.fault.expect)!;
    expect(failed.passed).toBe(false);
    expect(v.passed).toBe(false);
    if (kind === "failing-test") {
      const failed = report.tests.find((t) => t.status === "failed")!;
      expect(failed).toMatchObject({ file: faulty.fault.file, message: expect.stringMatching(/^AssertionError: expected ".*" to be ".* \(renamed\)"$/) });
      expect(failed.source).toMatch(/^ {2}it\("renders at [^]*\(renamed\)[^]*\n {2}\}\);$/);
      expect(faulty.files.find((f) => f.path === failed.file)!.content.split("\n")[failed.line! - 1]).toContain("it(");
    }
  }, 60_000);
});
