/** @module The local stack's surfaces when a sandbox runner runs beside it: the functions are told so (CODEFORGE_SANDBOX=on), so pipelines run the fix loop. */
import { functionsHost } from "./functions/index.ts";
import { defaultPlugins } from "./server.ts";
import type { SurfacePlugin } from "./surface.ts";

/** Whether `npm start` and `npm run forge` run a sandbox runner (CODEFORGE_SANDBOX_RUNNER=off leaves it out). */
export const sandboxRunnerWanted = (env: NodeJS.ProcessEnv = process.env) => env.CODEFORGE_SANDBOX_RUNNER !== "off";

/** `plugins` with the functions host told that a runner claims sandbox runs. */
export function pluginsWithSandbox(plugins: SurfacePlugin[] = defaultPlugins): SurfacePlugin[] {
  return plugins.map((plugin) => (plugin.name === "functions" ? functionsHost({ watch: true, env: { CODEFORGE_SANDBOX: "on" } }) : plugin));
}
