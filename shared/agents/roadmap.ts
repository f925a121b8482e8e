/** @module The roadmap agent: requirements (+ site map) and a skill level → a LearningRoadmap. */
import type { LearningRoadmap } from "../protocol/index.ts";
import { validateTaskOutput } from "./task-schemas.ts";
import type { AgentAnswer, AgentContext, AgentModel, RoadmapInput } from "./types.ts";

/**
 * Plans the curriculum in which the student builds the app.
 * @example await runRoadmapAgent({ skill_level: "beginner", requirements }, {}, model)
 */
export async function runRoadmapAgent(input: RoadmapInput, context: AgentContext, model: AgentModel): Promise<AgentAnswer<LearningRoadmap>> {
  const answer = await model.run("roadmap", input, context);
  return { ...answer, output: validateTaskOutput("roadmap", answer.output) };
}
