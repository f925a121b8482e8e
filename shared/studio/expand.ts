/** @module Expands an order's base parameter set into its items: every combination of the list-valued parameters (order_items, docs/architecture.md#studio-batch-media-generation). */
import { AppError } from "../errors.ts";

export type ParameterSet = Record<string, unknown>;

export interface JsonSchemaObject {
  type?: string | string[];
  properties?: Record<string, { type?: string | string[] } & Record<string, unknown>>;
  [keyword: string]: unknown;
}

const takesArrays = (schema: JsonSchemaObject, key: string) => {
  const type = schema.properties?.[key]?.type;
  return type === "array" || (Array.isArray(type) && type.includes("array"));
};

/**
 * The values a parameter takes across the order: a list expands, anything else
 * is one value. A parameter whose own schema type is `array` expands only from
 * a list of lists (`"loras": [["a"], ["a", "b"]]` is two values; `["a", "b"]` one).
 */
export function valuesOf(schema: JsonSchemaObject, key: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) return [value];
  if (takesArrays(schema, key)) return value.length > 0 && value.every(Array.isArray) ? value : [value];
  return value;
}

/** How many items `base` expands into, without building them. */
export function expandedCount(base: ParameterSet, schema: JsonSchemaObject = {}): number {
  return Object.entries(base).reduce((count, [key, value]) => count * valuesOf(schema, key, value).length, 1);
}


/**
 * The cartesian product of `base`, item 1 first. The order is stable for a given
 * set: parameters by name (a schema stored as jsonb keeps no property order),
 * the last varying fastest.
 * @example expand({ seed: [1, 2], prompt: ["a", "b"] }, schema, 100) // 4 sets: a/1, a/2, b/1, b/2
 */
export function expand(base: ParameterSet, schema: JsonSchemaObject, limit: number): ParameterSet[] {
  const count = expandedCount(base, schema);
  if (count === 0) throw new AppError("too_many_items", "A list parameter is empty, so the order expands into no items.", { expanded_count: 0, limit });
  if (count > limit) {
    const sizes = Object.entries(base)
      .map(([key, value]) => [key, valuesOf(schema, key, value).length] as const)
      .filter(([, size]) => size > 1)
      .map(([key, size]) => `${key} (${size})`);
    throw new AppError("too_many_items", `The order expands into ${count} items (${sizes.join(" × ")}); the limit is ${limit}.`, { expanded_count: count, limit });
  }
  const keys = Object.keys(base).sort();
  let sets: ParameterSet[] = [{}];
  for (const key of keys) {
    const values = valuesOf(schema, key, base[key]);
    sets = sets.flatMap((set) => values.map((value) => ({ ...set, [key]: value })));
  }
  return sets;
}
