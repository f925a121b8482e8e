/** @module A project's files as a zip archive. */
import { zipSync, strToU8 } from "fflate";
import { isSafeFilePath } from "../protocol/file-path.ts";
import type { ExportFile } from "./github.ts";

/** Zips `files` under a top-level folder named `root` (how a downloaded project unpacks); every path must be safe (no zip-slip). */
export function zipFiles(root: string, files: ExportFile[]): Uint8Array<ArrayBuffer> {
  const unsafe = files.find((file) => !isSafeFilePath(file.path));
  if (unsafe) throw new Error(`refusing to zip the unsafe path ${JSON.stringify(unsafe.path)}`);
  const zip = zipSync(Object.fromEntries(files.map((file) => [`${root}/${file.path}`, strToU8(file.content)])), { level: 6 });
  return zip as Uint8Array<ArrayBuffer>; // fflate allocates a plain ArrayBuffer; a Response body needs to know it
}
