/** @module CodeForge's offline engine: the default model (no key, no network), deterministic and honest about what it is. */
export * from "./model.ts";
export { analyseIdea, type IdeaProfile, type EntitySense } from "./idea.ts";
export { offlineClarify, offlineResearch, OFFLINE_NOTE, QUESTION_IDS } from "./research.ts";
export { offlineWireframe, profileOfRequirements } from "./wireframe.ts";
export { offlineCodeFile, OFFLINE_CODE_MARK, APP_PACKAGES } from "./code/index.ts";
export { offlineQaReview } from "./qa-review.ts";
export { offlinePedagogy } from "./pedagogy.ts";
export { offlineRoadmap } from "./roadmap.ts";
