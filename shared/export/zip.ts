/** @module A project's files as a zip archive. */
import { zipSync, strToU8 } from "fflate";
import type { ExportFile } from "./github.ts";

/** Zips `files` under a top-level folder named `root` (how a downloaded project unpacks). */
export function zipFiles(root: string, files: ExportFile[]): Uint8Array {
  return zipSync(Object.fromEntries(files.map((file) => [`${root}/${file.path}`, strToU8(file.content)])), { level: 6 });
}
