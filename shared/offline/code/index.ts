/** @module The offline code agent: each planned file of a Vite + React + TypeScript app, written from the requirements and wireframe. */
import type { CodeFileInput } from "../../agents/types.ts";
import type { CodeGenerationResult } from "../../protocol/index.ts";
import { appModel } from "./app-model.ts";
import { applyOfflineChange } from "./change.ts";
import { appTsx, indexHtml, layoutTsx, mainTsx, modelsTs, packageJson, readme, stylesCss, tsconfigJson, useCollectionTs, viteConfig } from "./app-files.ts";
import { componentSource } from "./components.ts";
import { pageSource } from "./pages.ts";
import { appTestSource, pageTestSource, testRenderTsx, testSetupTs } from "./tests.ts";

export { appModel, type AppModel } from "./app-model.ts";
export { APP_PACKAGES } from "./app-files.ts";

/** A fix instruction naming a fidelity miss (see fixInstruction). */
const FIDELITY_FIX = /^- \[fidelity\]/m;

/** The marker every offline file's explanation starts with. */
export const OFFLINE_CODE_MARK = "[offline engine]";

/**
 * Writes `input.file` (a path of `planFiles`) for the app of `input.requirements`
 * and `input.wireframe`. Every file of one app comes from the same app model, so
 * imports, types and props agree between files; the app builds with `tsc --noEmit && vite build`.
 * @example offlineCodeFile({ requirements, wireframe, plan, file: plan[6] }).code // "import { Link, Route, Routes } …"
 */
export function offlineCodeFile(input: CodeFileInput): CodeGenerationResult {
  // A fidelity fix (a page added or removed, a list or form missing) is what the engine writes from the revised plan: the file is written afresh.
  const afresh = input.change && FIDELITY_FIX.test(input.change.instruction) && input.plan.some((planned) => planned.path === input.file.path);
  if (input.change && !afresh) {
    const code = applyOfflineChange(input.change.instruction, input.file.path, input.change.current, input.requirements.app_name);
    return { file_path: input.file.path, code, language: input.file.language, explanation: `${OFFLINE_CODE_MARK} Applied by rules: ${input.change.instruction}` };
  }
  const app = appModel(input.requirements, input.wireframe);
  const { file } = input;
  const result = (code: string, what: string): CodeGenerationResult => ({ file_path: file.path, code, language: file.language, explanation: `${OFFLINE_CODE_MARK} ${what}` });
  switch (file.path) {
    case "package.json": return result(packageJson(app), "npm manifest with React 19, React Router 7, Vite, TypeScript and Vitest; `npm test` runs the tests, `npm run build` type checks, then bundles.");
    case "index.html": return result(indexHtml(app), "The page Vite serves: #root and the /src/main.tsx module.");
    case "tsconfig.json": return result(tsconfigJson(), "Strict TypeScript for src/, with unused names reported.");
    case "vite.config.ts": return result(viteConfig(), "Vite with the React plugin.");
    case "README.md": return result(readme(app), "What the app is, its pages and how to run it.");
    case "src/main.tsx": return result(mainTsx(), "Mounts the app with StrictMode and BrowserRouter.");
    case "src/App.tsx": return result(appTsx(app), `Routes for the ${app.routes.length} pages of the site map inside the layout, and a not-found page.`);
    case "src/styles.css": return result(stylesCss(app), `Theme colours ${Object.values(app.theme).join(", ")} as CSS variables, and the layout.`);
    case "src/data/models.ts": return result(modelsTs(app), `Types, fields, blank and sample records of ${app.entities.map((e) => e.label.toLowerCase()).join(", ")}.`);
    case "src/data/use-collection.ts": return result(useCollectionTs(app), "A hook keeping a collection in state and localStorage: add, update, remove.");
    case "src/components/Layout.tsx": return result(layoutTsx(app), "The shell: brand, navigation, page outlet.");
    case "src/test/setup.ts": return result(testSetupTs(), "Cleans the rendered page and localStorage after each test.");
    case "src/test/render.tsx": return result(testRenderTsx(), "renderRoute(path): the whole app in a MemoryRouter, for the tests.");
    case "src/App.test.tsx": return result(appTestSource(app), `Navigation reaches the ${app.routes.filter((r) => r.nav).length} top-level pages; unknown paths show not found.`);
    default:
      break;
  }
  if (file.kind === "page") {
    const route = app.routes.find((r) => `src/pages/${r.page}.tsx` === file.path);
    if (route) return result(pageSource(route, app), `Page ${route.path} (${route.kind}) using ${route.components.map((c) => c.name).join(", ") || "no shared component"}.`);
  }
  if (file.kind === "test" && file.route !== undefined) {
    const route = app.routes.find((r) => r.path === file.route);
    if (route) return result(pageTestSource(route, app), `Tests of ${route.path}: renders, rows, form and search where the page has them.`);
  }
  if (file.kind === "component" && file.exportName) {
    const component = app.components.get(file.exportName);
    if (component) return result(componentSource(component, app), `${component.kind} component for ${component.entity.label.toLowerCase()}.`);
  }
  throw new Error(`offline engine: ${file.path} is not a file of this app's plan`);
}
