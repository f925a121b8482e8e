/** @module Pedagogy agent output, the choice framework of Student mode (docs/architecture.md#building-an-app-agents-and-jobs). */
import { z } from "zod";
import { SkillLevel } from "./enums.ts";

/** One way to implement a step, with its trade-offs (Pydantic `ImplementationOption`). */
export const ImplementationOption = z.strictObject({
  id: z.string(),
  title: z.string(),
  pros: z.array(z.string()),
  cons: z.array(z.string()),
  difficulty: SkillLevel,
  educational_value: z.string(),
});
export type ImplementationOption = z.infer<typeof ImplementationOption>;

/** The options offered to the student (Pydantic `ChoiceFramework`). */
export const ChoiceFramework = z.strictObject({
  context: z.string(),
  options: z.array(ImplementationOption),
  recommendation: z.string(),
});
export type ChoiceFramework = z.infer<typeof ChoiceFramework>;
