/** @module Roadmap agent output (docs/architecture.md#building-an-app-agents-and-jobs), stored in `learning_roadmaps`. */
import { z } from "zod";
import { SkillLevel } from "./enums.ts";

/** One module of a learning roadmap (Pydantic `RoadmapModule`); `prerequisites` defaults to `[]`. */
export const RoadmapModule = z.strictObject({
  title: z.string().min(1).max(200),
  description: z.string(),
  steps: z.array(z.string()),
  estimated_hours: z.number().gt(0).lte(100),
  prerequisites: z.array(z.string()).default(() => []),
});
export type RoadmapModule = z.infer<typeof RoadmapModule>;

/** A whole curriculum (Pydantic `LearningRoadmap`): at least one module, 0 < total hours ≤ 500. */
export const LearningRoadmap = z.strictObject({
  title: z.string().min(1).max(200),
  description: z.string(),
  skill_level: SkillLevel,
  modules: z.array(RoadmapModule).min(1),
  total_estimated_hours: z.number().gt(0).lte(500),
});
export type LearningRoadmap = z.infer<typeof LearningRoadmap>;
/** What a producer may send: `prerequisites` may be left out. */
export type LearningRoadmapInput = z.input<typeof LearningRoadmap>;
