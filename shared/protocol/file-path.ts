/** @module What a project file's path may be: a normalised relative path, the twin of the CHECK project_files_path_is_safe. */
import { z } from "zod";

/** The longest path a project file may have. */
export const MAX_FILE_PATH = 500;

/**
 * True for a normalised relative path: 1–500 characters, no leading `/`, no
 * backslash or control character (NUL included), no drive prefix, and no
 * empty, `.` or `..` segment. Nothing else may be written, imported or exported.
 */
export function isSafeFilePath(path: string): boolean {
  return (
    path.length >= 1 &&
    path.length <= MAX_FILE_PATH &&
    !/[\x00-\x1f\x7f\\]/.test(path) &&
    !path.startsWith("/") &&
    !/^[A-Za-z]:/.test(path) &&
    !/(^|\/)\.{0,2}(\/|$)/.test(path)
  );
}

/** A project file's path, validated as `isSafeFilePath` says. */
export const FilePath = z
  .string()
  .min(1)
  .max(MAX_FILE_PATH)
  .refine(isSafeFilePath, "a normalised relative path: no leading /, backslash, control character, drive prefix, or empty, . or .. segment");
