/** @module The wireframe agent: requirements + the nearest architecture patterns → a WireframeSpec. */
import type { WireframeSpec } from "../protocol/index.ts";
import { validateTaskOutput } from "./task-schemas.ts";
import type { AgentAnswer, AgentContext, AgentModel, WireframeInput } from "./types.ts";

/**
 * Designs the site map of the app from `input.requirements`, building on
 * `input.patterns` (retrieved with `match_patterns` for `input.project_type`).
 * @example await runWireframeAgent({ requirements, project_type: "crm", patterns }, {}, model)
 */
export async function runWireframeAgent(input: WireframeInput, context: AgentContext, model: AgentModel): Promise<AgentAnswer<WireframeSpec>> {
  const answer = await model.run("wireframe", input, context);
  const output = validateTaskOutput("wireframe", answer.output);
  if (output.site_map.length === 0) throw new Error("wireframe output has no pages");
  return { ...answer, output };
}

/** The text a wireframe's pattern query embeds: what the app is and does. */
export function patternQueryText(requirements: WireframeInput["requirements"]): string {
  return [
    requirements.app_name,
    requirements.elevator_pitch,
    ...requirements.target_audience.map((persona) => `${persona.role} ${persona.goal}`),
    ...requirements.core_features.map((feature) => `${feature.name} ${feature.description}`),
  ].join(" ");
}
