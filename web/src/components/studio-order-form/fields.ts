/** @module The order form's fields from a model's parameter JSON Schema, and the base parameter set they make (lists expand). */
import type { JsonSchemaObject, ParameterSet } from "../../../../shared/studio/expand.ts";

export interface FieldSpec {
  key: string;
  label: string;
  kind: "text" | "numbers" | "choices";
  options?: string[];
  numeric?: boolean;
  required: boolean;
  hint: string;
  /** Usual values from the lookup the property names ("x-lookup"), offered as one-click picks. */
  suggestions?: string[];
}

type Property = { type?: string; enum?: unknown[]; title?: string; default?: unknown; minimum?: number; maximum?: number; multipleOf?: number; "x-lookup"?: string };

/** A lookup's values the property accepts (a lookup is shared, a model's range is its own). */
function suggestionsFor(property: Property, lookups: ReadonlyMap<string, unknown[]>): string[] | undefined {
  const values = property["x-lookup"] ? lookups.get(property["x-lookup"]) : undefined;
  if (!values) return undefined;
  const numeric = property.type === "integer" || property.type === "number";
  const fits = values.filter((value) => {
    if (!numeric) return typeof value === "string";
    if (typeof value !== "number" || (property.type === "integer" && !Number.isInteger(value))) return false;
    return (property.minimum === undefined || value >= property.minimum) && (property.maximum === undefined || value <= property.maximum)
      && (property.multipleOf === undefined || value % property.multipleOf === 0);
  });
  return fits.length ? fits.map(String) : undefined;
}

/** One field per schema property, the prompt first; `lookups` maps a lookup key to its values. */
export function fieldsOf(schema: JsonSchemaObject, lookups: ReadonlyMap<string, unknown[]> = new Map()): FieldSpec[] {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties ?? {}) as Record<string, Property>)
    .sort(([a], [b]) => (a === "prompt" ? -1 : b === "prompt" ? 1 : a.localeCompare(b)))
    .map(([key, property]) => {
      const label = property.title ?? key;
      const numeric = property.type === "integer" || property.type === "number";
      if (property.enum) return { key, label, kind: "choices", options: property.enum.map(String), numeric, required: required.has(key), hint: "Tick several to make one item each." };
      const suggestions = suggestionsFor(property, lookups);
      if (numeric) {
        const range = property.minimum !== undefined ? ` (${property.minimum}–${property.maximum ?? "…"})` : "";
        return { key, label, kind: "numbers", numeric, required: required.has(key), suggestions, hint: `Comma-separated for several${range}${property.default !== undefined ? `; default ${property.default}` : ""}.` };
      }
      return { key, label, kind: "text", required: required.has(key), suggestions, hint: "One per line: each line makes its own items." };
    });
}

export type FormValues = Record<string, string | string[]>;

/** What the user typed as a base parameter set: several values become a list, none leaves the parameter out. */
export function parametersOf(fields: FieldSpec[], values: FormValues): ParameterSet {
  const set: ParameterSet = {};
  for (const field of fields) {
    const raw = values[field.key];
    const parts = Array.isArray(raw)
      ? raw
      : field.kind === "text" ? (raw ?? "").split("\n").map((line) => line.trim()).filter(Boolean)
      : (raw ?? "").split(",").map((part) => part.trim()).filter(Boolean);
    const typed = parts.map((part) => (field.numeric && /^-?\d+(\.\d+)?$/.test(part) ? Number(part) : part));
    if (typed.length === 1) set[field.key] = typed[0];
    else if (typed.length > 1) set[field.key] = typed;
  }
  return set;
}

/** The field's typed value with `suggestion` added, or taken out when it is already there. */
export function toggleSuggestion(field: FieldSpec, raw: string, suggestion: string): string {
  const separator = field.kind === "text" ? "\n" : ",";
  const parts = raw.split(separator).map((part) => part.trim()).filter(Boolean);
  const next = parts.includes(suggestion) ? parts.filter((part) => part !== suggestion) : [...parts, suggestion];
  return next.join(field.kind === "text" ? "\n" : ", ");
}

/** The form's values for a saved parameter set (a template). */
export function valuesOf(fields: FieldSpec[], set: ParameterSet): FormValues {
  return Object.fromEntries(fields.filter((field) => field.key in set).map((field) => {
    const list = Array.isArray(set[field.key]) ? (set[field.key] as unknown[]) : [set[field.key]];
    if (field.kind === "choices") return [field.key, list.map(String)];
    return [field.key, list.map(String).join(field.kind === "text" ? "\n" : ", ")];
  }));
}
