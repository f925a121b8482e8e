/** @module Refactor jobs: the syntax-tree rename, file moves, component extraction, edits by instruction, the check and the job plan. */
export * from "./rename.ts";
export * from "./edits.ts";
export * from "./move-file.ts";
export * from "./extract-component.ts";
export * from "./instruction.ts";
export * from "./check.ts";
export * from "./plan.ts";
