/** @module CodeForge's agents: research, wireframe, code, QA, pedagogy, roadmap as pure functions over an `AgentModel`. */
export * from "./types.ts";
export * from "./task-schemas.ts";
export * from "./prompts.ts";
export * from "./llm-model.ts";
export * from "./project-type.ts";
export * from "./file-plan.ts";
export * from "./research.ts";
export * from "./wireframe.ts";
export * from "./code.ts";
export * from "./code-change.ts";
export * from "./change-request.ts";
export * from "./qa.ts";
export * from "./pedagogy.ts";
export * from "./roadmap.ts";
export { checkProject, loadTypeScript, where, type CheckOptions, type CheckReport } from "./qa-checks/index.ts";
export * from "./docs.ts";
