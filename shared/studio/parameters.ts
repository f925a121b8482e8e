/** @module Validates generation parameters against a model's JSON Schema (`models.parameter_schema`). */
import { Validator } from "@cfworker/json-schema";
import type { JsonSchemaObject, ParameterSet } from "./expand.ts";

export interface ParameterIssue {
  /** The parameter, e.g. `/seed`, or `/` for the whole set. */
  path: string;
  message: string;
  /** Items (sequence numbers) that have the problem. */
  items: number[];
}

/**
 * Checks every expanded set and lists each distinct problem once, with the
 * items it affects; empty when all are valid.
 */
export function validateParameterSets(schema: JsonSchemaObject, sets: ParameterSet[]): ParameterIssue[] {
  const validator = new Validator(schema as Record<string, unknown>, "2020-12", false);
  const issues = new Map<string, ParameterIssue>();
  sets.forEach((set, index) => {
    const result = validator.validate(set);
    for (const error of result.errors) {
      // The outermost "properties"/"allOf" summaries repeat the precise errors.
      if (error.keyword === "properties" || error.keyword === "allOf") continue;
      const path = error.instanceLocation.replace(/^#/, "") || "/";
      const key = `${path}\u0000${error.error}`;
      const issue = issues.get(key) ?? { path, message: error.error, items: [] };
      issue.items.push(index + 1);
      issues.set(key, issue);
    }
  });
  return [...issues.values()];
}

/** Fills in the schema's declared defaults for parameters the set leaves out. */
export function withDefaults(schema: JsonSchemaObject, set: ParameterSet): ParameterSet {
  const defaults = Object.entries(schema.properties ?? {}).flatMap(([key, property]) =>
    "default" in property && !(key in set) ? [[key, property.default] as const] : [],
  );
  return { ...Object.fromEntries(defaults), ...set };
}
