/** @module The type check in a worker thread, so it runs while the browser renders the app (TypeScript is synchronous). */
import { parentPort } from "node:worker_threads";
import { checkProject } from "../shared/agents/qa-checks/index.ts";
import type { CheckFinding, ProjectFile } from "../shared/agents/types.ts";

parentPort!.on("message", async ({ id, files }: { id: number; files: ProjectFile[] }) => {
  try {
    const { findings } = await checkProject(files);
    parentPort!.postMessage({ id, findings: findings satisfies CheckFinding[] });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
