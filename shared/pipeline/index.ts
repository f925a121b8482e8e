/** @module The agents' job plans for the engine (`shared/jobs`): pipeline and single agents, with injected model, patterns and embeddings. */
export * from "./deps.ts";
export * from "./params.ts";
export * from "./stages.ts";
export * from "./plans.ts";
export * from "./offline-deps.ts";
export * from "./model-from-env.ts";
export * from "./ai-plans.ts";
