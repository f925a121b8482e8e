/** @module The Refactor form's fields as the request `POST /refactor` takes, or the fields' errors. */
import type { RefactorParams } from "../../../../shared/protocol/index.ts";

export type RefactorKind = "rename_symbol" | "rename_file" | "extract_component" | "instruction";

/** The form's fields, all as typed. */
export type RefactorFields = Record<"instruction" | "symbol" | "renameTo" | "why" | "path" | "toPath" | "componentName" | "tag" | "occurrence" | "startLine" | "endLine", string>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const COMPONENT = /^[A-Z][A-Za-z0-9_$]*$/;
const LINE = /^[1-9][0-9]*$/;

/** The request the fields describe, or the fields' errors (each in words, by field). */
export function requestOf(kind: RefactorKind, v: RefactorFields): { body: RefactorParams } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const need = (field: string, ok: boolean, words: string) => {
    if (!ok) errors[field] = words;
  };
  if (kind === "instruction") {
    need("instruction", v.instruction.trim().length >= 3, "Say what to change, e.g. extract the client form into its own component.");
    return Object.keys(errors).length ? { errors } : { body: { kind, instruction: v.instruction.trim(), scope: {} } };
  }
  if (kind === "rename_symbol") {
    need("symbol", IDENTIFIER.test(v.symbol), "An identifier, e.g. WalkList or formatDate.");
    need("renameTo", IDENTIFIER.test(v.renameTo) && v.renameTo !== v.symbol, v.renameTo === v.symbol ? "The new name must differ from the old one." : "An identifier, e.g. WalkTable.");
    const why = v.why.trim();
    return Object.keys(errors).length ? { errors } : { body: { symbol: v.symbol, options: { rename_to: v.renameTo }, scope: {}, ...(why ? { instruction: why } : {}) } };
  }
  need("path", v.path.trim().length > 0, "The file's path, e.g. src/pages/Clients.tsx.");
  if (kind === "rename_file") {
    need("toPath", v.toPath.trim().length > 0 && v.toPath.trim() !== v.path.trim(), "The new path, different from the old one.");
    return Object.keys(errors).length ? { errors } : { body: { kind, path: v.path.trim(), to_path: v.toPath.trim() } };
  }
  need("componentName", COMPONENT.test(v.componentName), "A component name starting with a capital, e.g. ClientForm.");
  const byLines = v.startLine.trim() !== "" || v.endLine.trim() !== "";
  if (byLines) {
    need("startLine", LINE.test(v.startLine.trim()), "A line number.");
    need("endLine", LINE.test(v.endLine.trim()) && Number(v.endLine) >= Number(v.startLine), "A line number, not before the first.");
  } else need("tag", v.tag.trim().length > 0, "The element's tag (form, table, ClientRow), or give its lines instead.");
  if (Object.keys(errors).length) return { errors };
  const target = byLines ? { start_line: Number(v.startLine), end_line: Number(v.endLine) } : { tag: v.tag.trim(), occurrence: LINE.test(v.occurrence.trim()) ? Number(v.occurrence) : 1 };
  return { body: { kind, path: v.path.trim(), target, component_name: v.componentName, ...(v.toPath.trim() ? { to_path: v.toPath.trim() } : {}) } };
}
