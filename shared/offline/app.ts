/** @module The offline engine's whole app for an idea, as the pipeline writes it (for the sandbox's corpus, tests and benches). */
import { planFiles, plannedRoutes } from "../agents/file-plan.ts";
import { classifyProjectType } from "../agents/project-type.ts";
import { patternQueryText } from "../agents/wireframe.ts";
import { createInMemoryDeps } from "../pipeline/offline-deps.ts";
import type { RequirementsDoc, WireframeSpec } from "../protocol/index.ts";
import { offlineCodeFile } from "./code/index.ts";
import { offlineResearch } from "./research.ts";
import { offlineWireframe } from "./wireframe.ts";

/** One generated app: what the agents decided and the files the code stage wrote. */
export interface OfflineApp {
  idea: string;
  requirements: RequirementsDoc;
  wireframe: WireframeSpec;
  /** The site map's route patterns. */
  routes: string[];
  files: { path: string; content: string; language: string }[];
}

/** Research, wireframe (with the built-in pattern library) and code for `idea`, offline and deterministic. */
export async function offlineApp(idea: string): Promise<OfflineApp> {
  const deps = createInMemoryDeps();
  const requirements = offlineResearch({ user_idea: idea });
  const query = patternQueryText(requirements);
  const [embedding] = await deps.embed([query]);
  const projectType = classifyProjectType(query);
  const patterns = await deps.retrievePatterns(embedding!, projectType, 3);
  const wireframe = offlineWireframe({ requirements, project_type: projectType, patterns });
  const plan = planFiles(wireframe);
  const files = plan.map((file) => offlineCodeFile({ requirements, wireframe, plan, file }));
  return {
    idea,
    requirements,
    wireframe,
    routes: plannedRoutes(wireframe).map((route) => route.path),
    files: files.map((file) => ({ path: file.file_path, content: file.code, language: file.language })),
  };
}
