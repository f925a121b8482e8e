import { describe, expect, it } from "vitest";
import { planFiles } from "../agents/file-plan.ts";
import { offlineCodeFile } from "../offline/code/index.ts";
import { offlineResearch } from "../offline/research.ts";
import { offlineWireframe } from "../offline/wireframe.ts";
import type { CodeGenerationResult } from "../protocol/index.ts";
import { modelTestPath, withTestFloor } from "./test-floor.ts";

const requirements = offlineResearch({ user_idea: "a booking system for a small yoga studio: classes, instructors and bookings" });
const wireframe = offlineWireframe({ requirements, project_type: "booking", patterns: [] });
const plan = planFiles(wireframe);
const floorOf = (path: string) => offlineCodeFile({ requirements, wireframe, plan, file: plan.find((f) => f.path === path)! }).code;

/** What a model might answer for each planned file: its own code, tests included. */
const modelFiles = (): CodeGenerationResult[] =>
  plan.map((file) => ({ file_path: file.path, language: file.language, explanation: "model", code: `// the model's ${file.path}\nexport {};\n` }));

describe("the deterministic tests as a floor under a model's", () => {
  const tests = plan.filter((f) => f.kind === "test");
  const pageTest = tests.find((f) => /^src\/pages\/.+\.test\.tsx$/.test(f.path))!;

  it("keeps every planned test file deterministic and adds the model's test files beside them", () => {
    const merged = new Map(withTestFloor(modelFiles(), plan, { requirements, wireframe }).map((f) => [f.file_path, f.code]));
    for (const file of tests) expect(merged.get(file.path), file.path).toBe(floorOf(file.path));
    expect(merged.get(modelTestPath(pageTest.path))).toBe(`// the model's ${pageTest.path}\nexport {};\n`);
    expect(merged.get(modelTestPath("src/App.test.tsx"))).toContain("the model's src/App.test.tsx");
    // Setup files are not tests: the floor's alone (the deterministic tests import them).
    expect([...merged.keys()].filter((p) => p.startsWith("src/test/"))).toEqual(["src/test/setup.ts", "src/test/render.tsx"]);
  });

  it("leaves the model's other files alone and adds nothing when the model wrote the floor's tests", () => {
    const model = modelFiles().map((f) => (f.file_path.includes(".test.") || f.file_path.startsWith("src/test/") ? { ...f, code: floorOf(f.file_path) } : f));
    const merged = withTestFloor(model, plan, { requirements, wireframe });
    expect(merged.map((f) => f.file_path)).toEqual(plan.map((f) => f.path));
    const page = plan.find((f) => f.kind === "page")!;
    expect(merged.find((f) => f.file_path === page.path)!.code).toBe(`// the model's ${page.path}\nexport {};\n`);
  });

  it("names the model's file beside the floor's", () => {
    expect(modelTestPath("src/pages/ClassesPage.test.tsx")).toBe("src/pages/ClassesPage.model.test.tsx");
    expect(modelTestPath("src/App.test.ts")).toBe("src/App.model.test.ts");
  });
});
