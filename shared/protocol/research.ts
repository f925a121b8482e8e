/** @module Research agent output (docs/architecture.md#building-an-app-agents-and-jobs), stored in `projects.requirements_spec`. */
import { z } from "zod";
import { PriorityLevel } from "./enums.ts";

/** Who the app is for (Pydantic `UserPersona`). */
export const UserPersona = z.strictObject({
  role: z.string().min(1).max(100),
  goal: z.string().min(1).max(200),
  pain_point: z.string().min(1).max(200),
});
export type UserPersona = z.infer<typeof UserPersona>;

/** One feature of the app (Pydantic `Feature`). */
export const Feature = z.strictObject({
  name: z.string().min(1).max(100),
  description: z.string().min(1).max(500),
  priority: PriorityLevel,
});
export type Feature = z.infer<typeof Feature>;

/** The requirements document (Pydantic `RequirementsDoc`); `technical_constraints` defaults to `null` like `Optional[str] = None`. */
export const RequirementsDoc = z.strictObject({
  app_name: z.string().min(1).max(100),
  elevator_pitch: z.string().min(20).max(500),
  target_audience: z.array(UserPersona),
  core_features: z.array(Feature),
  recommended_stack: z.array(z.string()),
  technical_constraints: z.string().nullable().default(null),
});
export type RequirementsDoc = z.infer<typeof RequirementsDoc>;
