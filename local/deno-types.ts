/**
 * @module Writes the Deno runtime's global types (from the pinned `deno` binary) where
 * tsconfig.functions.json finds them, so `tsc` checks the Edge Functions as Deno runs them.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const DENO_TYPES_PATH = join(import.meta.dirname, "..", "node_modules", ".cache", "deno-types", "lib.deno.d.ts");

/** Deno's types mark themselves no-default-lib; dropping that keeps tsconfig's `lib` (DOM and ES) beside them. */
export function writeDenoTypes(): void {
  const deno = join(import.meta.dirname, "..", "node_modules", ".bin", "deno");
  const types = execFileSync(deno, ["types"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  mkdirSync(dirname(DENO_TYPES_PATH), { recursive: true });
  writeFileSync(DENO_TYPES_PATH, types.replace('/// <reference no-default-lib="true" />\n', ""));
}

if (import.meta.filename === process.argv[1]) writeDenoTypes();
