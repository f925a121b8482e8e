/** @module Code agent output (docs/architecture.md#building-an-app-agents-and-jobs). */
import { z } from "zod";
import { FilePath } from "./file-path.ts";

/**
 * One generated file (Pydantic `CodeGenerationResult`). `file_path` and
 * `language` have defaults; as in Pydantic, a default is not re-validated.
 */
export const CodeGenerationResult = z.strictObject({
  file_path: FilePath.default("src/app/page.tsx"),
  code: z.string().min(1),
  language: z.string().min(1).max(50).default("typescript"),
  explanation: z.string(),
});
export type CodeGenerationResult = z.infer<typeof CodeGenerationResult>;
/** What a producer may send: `file_path` and `language` may be left out. */
export type CodeGenerationResultInput = z.input<typeof CodeGenerationResult>;
