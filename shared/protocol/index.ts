/** @module CodeForge's protocol: zod twins of seed 003's Pydantic models and API contracts, plus JSON Schema for LLMs. */
export * from "./enums.ts";
export * from "./research.ts";
export * from "./wireframe.ts";
export * from "./code.ts";
export * from "./qa.ts";
export * from "./pedagogy.ts";
export * from "./roadmap.ts";
export * from "./clarification.ts";
export * from "./agent-outputs.ts";
export * from "./common.ts";
export * from "./api-run.ts";
export * from "./api-jobs.ts";
export * from "./job-stream.ts";
export * from "./api-export.ts";
export * from "./json-schema.ts";
export * from "./api-review.ts";
export * from "./api-history.ts";
