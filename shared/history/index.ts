/** @module Project history: manifests, their integrity hash, and diffs between versions. */
export * from "./manifest.ts";
export * from "./diff.ts";
