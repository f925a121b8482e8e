import { describe, expect, it } from "vitest";
import type { WireframeSpec } from "../protocol/index.ts";
import { failuresOf, filesHash, filesToFix, fixInstruction, type SandboxArtifact } from "./fix-failures.ts";

const wireframe = {
  site_map: [
    { path: "/", name: "Home", description: "Start", components: [] },
    { path: "/clients", name: "Clients", description: "All clients", components: [] },
    { path: "/clients/:id", name: "Client", description: "One client", components: [] },
  ],
} as unknown as WireframeSpec;
const file = (path: string, content = "x") => ({ path, content, language: "typescript" });
const files = ["src/pages/HomePage.tsx", "src/pages/ClientsPage.tsx", "src/pages/ClientsPage.test.tsx", "src/pages/ClientDetailPage.tsx", "README.md"].map((p) => file(p));
const attempt = (output: SandboxArtifact["output"], status: SandboxArtifact["status"] = "failed"): SandboxArtifact =>
  ({ agent: "sandbox", run_id: "r", attempt: 1, status, screenshot_paths: [], output });

describe("the failures a fix pass works from", () => {
  it("lists each failed check's failures, the run's reason when it has no verdict, and QA's critical issues", () => {
    const verdict = { passed: false, checks: [{ check: "build", passed: false, failures: [{ message: "types: TS2322", file: "src/pages/HomePage.tsx", line: 9 }] }, { check: "links", passed: true, failures: [] }] };
    const qa = { passed: false, summary: "", issues: [{ severity: "critical" as const, description: "no form", suggestion: "add one" }, { severity: "info" as const, description: "fine", suggestion: "" }] };
    expect(failuresOf(attempt({ verdict }), qa)).toEqual([
      { check: "build", message: "types: TS2322", file: "src/pages/HomePage.tsx", line: 9 },
      { check: "qa", message: "no form (add one)" },
    ]);
    expect(failuresOf(attempt({ reason: "no sandbox runner finished the run within 300 s" }, "error"))).toEqual([{ check: "sandbox", message: "no sandbox runner finished the run within 300 s" }]);
    expect(failuresOf(attempt({}, "passed"))).toEqual([]);
  });

  it("points at a failure's file, a failing test's page, a failing route's page (a visited path too), a module a file imports from", () => {
    expect(filesToFix([{ check: "tests", message: "m", file: "src/pages/ClientsPage.test.tsx" }], files, wireframe)).toEqual(["src/pages/ClientsPage.test.tsx", "src/pages/ClientsPage.tsx"]);
    expect(filesToFix([{ check: "build", message: "m", file: "/src/pages/HomePage.tsx" }], files, wireframe)).toEqual(["src/pages/HomePage.tsx"]);
    expect(filesToFix([{ check: "links", message: "m", route: "/clients/1" }, { check: "routes", message: "m", route: "/" }], files, wireframe)).toEqual(["src/pages/ClientDetailPage.tsx", "src/pages/HomePage.tsx"]);
    expect(filesToFix([{ check: "features", message: "m" }], files, wireframe)).toEqual([]);
    const withCard = [...files, file("src/components/ClientCard.tsx")];
    expect(filesToFix([{ check: "build", message: `types: TS2305: Module '"../components/ClientCard"' has no exported member 'ClientCard'.`, file: "src/pages/ClientsPage.tsx" }], withCard, wireframe))
      .toEqual(["src/pages/ClientsPage.tsx", "src/components/ClientCard.tsx"]);
    expect(filesToFix([{ check: "build", message: `types: TS2724: '"../components/ClientCard"' has no exported member named 'ClientCard'.`, file: "src/pages/ClientsPage.tsx" }], withCard, wireframe))
      .toEqual(["src/pages/ClientsPage.tsx", "src/components/ClientCard.tsx"]);
  });

  it("tells the code agent each failure with its place and a failing test's source, within 5,000 characters", () => {
    const text = fixInstruction([{ check: "tests", message: "shows rows: expected 3", file: "src/pages/ClientsPage.test.tsx", line: 12, source: "it(\"shows rows\", () => {})" }, { check: "routes", message: "/ threw", route: "/" }]);
    expect(text).toContain("- [tests] src/pages/ClientsPage.test.tsx:12: shows rows: expected 3\n  The failing test:\nit(\"shows rows\", () => {})");
    expect(text).toContain("- [routes] route /: / threw");
    expect(fixInstruction(Array.from({ length: 200 }, () => ({ check: "routes", message: "x".repeat(100) }))).length).toBe(5000);
  });

  it("hashes a set of files whatever their order, and tells contents apart", async () => {
    expect(await filesHash([file("a", "1"), file("b", "2")])).toBe(await filesHash([file("b", "2"), file("a", "1")]));
    expect(await filesHash([file("a", "1")])).not.toBe(await filesHash([file("a", "2")]));
  });
});
