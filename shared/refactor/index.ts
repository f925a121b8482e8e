/** @module Refactor jobs: the syntax-tree rename and the job plan that proposes it. */
export * from "./rename.ts";
export * from "./plan.ts";
