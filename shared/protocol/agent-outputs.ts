/** @module Which schema each agent's output must satisfy. */
import type { z } from "zod";
import type { AgentType } from "./enums.ts";
import { ChoiceFramework } from "./pedagogy.ts";
import { CodeGenerationResult } from "./code.ts";
import { LearningRoadmap } from "./roadmap.ts";
import { QAResult } from "./qa.ts";
import { RequirementsDoc } from "./research.ts";
import { WireframeSpec } from "./wireframe.ts";

/** The output schema of every agent, keyed by `AgentType`. */
export const agentOutputSchemas = {
  research: RequirementsDoc,
  wireframe: WireframeSpec,
  code: CodeGenerationResult,
  qa: QAResult,
  pedagogy: ChoiceFramework,
  roadmap: LearningRoadmap,
} as const satisfies Record<AgentType, z.ZodType>;

/** The validated output type of agent `A`. */
export type AgentOutput<A extends AgentType> = z.infer<(typeof agentOutputSchemas)[A]>;
