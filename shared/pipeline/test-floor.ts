/**
 * @module The deterministic tests as a floor under a model's (`test_generation`): with a model, every
 * planned test file is the offline engine's, written from the spec (each route renders, lists show
 * their sample rows, forms add a row, search filters, navigation reaches every route). A test file
 * the model wrote differently is kept beside it as `*.model.test.tsx`; it never replaces the floor.
 */
import type { PlannedFile } from "../agents/types.ts";
import { offlineCodeFile } from "../offline/code/index.ts";
import type { CodeGenerationResult, RequirementsDoc, WireframeSpec } from "../protocol/index.ts";

/** Where a model's version of the test file `path` goes: `src/pages/X.test.tsx` → `src/pages/X.model.test.tsx`. */
export const modelTestPath = (path: string) => path.replace(/\.test\.(tsx?)$/, ".model.test.$1");

/**
 * The model's files with the deterministic tests merged in: each planned test file (and its setup)
 * is the deterministic one; a model-written test file that differs is added beside it.
 */
export function withTestFloor(files: CodeGenerationResult[], plan: PlannedFile[], spec: { requirements: RequirementsDoc; wireframe: WireframeSpec }): CodeGenerationResult[] {
  const merged = new Map(files.map((file) => [file.file_path, file]));
  for (const file of plan.filter((f) => f.kind === "test")) {
    const floor = { ...offlineCodeFile({ ...spec, plan, file }), file_path: file.path };
    const model = merged.get(file.path);
    merged.set(file.path, floor);
    const beside = modelTestPath(file.path);
    if (model && beside !== file.path && model.code.trim() !== floor.code.trim()) merged.set(beside, { ...model, file_path: beside });
  }
  return [...merged.values()];
}
