/** @module The offline engine's whole app for an idea, as the pipeline would write it (for preview, docs and comment tests and benches). */
import { planFiles } from "../../shared/agents/file-plan.ts";
import { classifyProjectType } from "../../shared/agents/project-type.ts";
import { patternQueryText } from "../../shared/agents/wireframe.ts";
import { offlineCodeFile } from "../../shared/offline/code/index.ts";
import { offlineResearch } from "../../shared/offline/research.ts";
import { offlineWireframe } from "../../shared/offline/wireframe.ts";
import { createInMemoryDeps } from "../../shared/pipeline/offline-deps.ts";

export interface AppFile {
  path: string;
  content: string;
  language: string;
}

export async function offlineApp(idea: string): Promise<{ appName: string; files: AppFile[] }> {
  const deps = createInMemoryDeps();
  const requirements = offlineResearch({ user_idea: idea });
  const query = patternQueryText(requirements);
  const [embedding] = await deps.embed([query]);
  const projectType = classifyProjectType(query);
  const patterns = await deps.retrievePatterns(embedding!, projectType, 3);
  const wireframe = offlineWireframe({ requirements, project_type: projectType, patterns });
  const plan = planFiles(wireframe);
  const files = plan.map((file) => offlineCodeFile({ requirements, wireframe, plan, file }));
  return { appName: requirements.app_name, files: files.map((file) => ({ path: file.file_path, content: file.code, language: file.language })) };
}
