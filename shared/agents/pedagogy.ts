/** @module The pedagogy agent: a decision in the student's project → a ChoiceFramework of ways to implement it. */
import type { ChoiceFramework } from "../protocol/index.ts";
import { validateTaskOutput } from "./task-schemas.ts";
import type { AgentAnswer, AgentContext, AgentModel, PedagogyInput } from "./types.ts";

/**
 * Offers the student options for `input.topic`, with trade-offs and a recommendation for their skill level.
 * @example await runPedagogyAgent({ topic: "state management", skill_level: "beginner" }, {}, model)
 */
export async function runPedagogyAgent(input: PedagogyInput, context: AgentContext, model: AgentModel): Promise<AgentAnswer<ChoiceFramework>> {
  const answer = await model.run("pedagogy", input, context);
  const output = validateTaskOutput("pedagogy", answer.output);
  if (output.options.length === 0) throw new Error("pedagogy output offers no option");
  return { ...answer, output };
}
