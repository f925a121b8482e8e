/** @module JSON Schema for LLM structured output, from zod, in the subset OpenAI's strict mode accepts. */
import { z } from "zod";

/** A JSON Schema document (a plain JSON object). */
export type JsonSchema = { [keyword: string]: unknown };

/** Options of `jsonSchemaFor`. */
export interface JsonSchemaForOptions {
  /** Rewrite into OpenAI's strict subset (default `true`); `false` returns zod's output schema as is, minus `$schema`. */
  strict?: boolean;
}

/** Keywords the strict subset keeps unchanged. */
const KEPT = new Set(["type", "properties", "required", "additionalProperties", "items", "enum", "anyOf", "description", "title", "$ref", "$defs"]);
/** Validation keywords outside the subset: removed, and stated in `description` instead. zod enforces them after the answer. */
const HINTED = new Set(["minLength", "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems"]);
/** Annotations that carry no constraint: dropped. */
const DROPPED = new Set(["$schema", "$id", "$comment", "default", "examples", "readOnly", "writeOnly", "deprecated", "contentEncoding", "contentMediaType"]);

/**
 * JSON Schema of `schema`'s output shape for structured output. In strict mode
 * (default) it fits OpenAI's `strict: true` subset, which Anthropic tools and
 * OpenAI-compatible servers accept too:
 * - every object has `additionalProperties: false` and lists all its properties in `required`;
 * - fields with a zod default are required (the output shape always has them), their `default` dropped;
 * - optional fields without a default become required and nullable: a model sends `null`,
 *   and `dropNullOptionals` turns that back into an absent key before zod validates;
 * - `const` becomes a one-value `enum`, `oneOf` becomes `anyOf`;
 * - length, pattern, format, range and item-count keywords move into `description`
 *   ("Constraints: minLength=20, maxLength=500") since strict mode rejects some of them; zod enforces them on the answer;
 * - shapes strict mode cannot express (records, `unknown`, intersections, a non-object root) throw.
 * @example jsonSchemaFor(RequirementsDoc) // { type: "object", properties: {...}, required: [...], additionalProperties: false }
 */
export function jsonSchemaFor(schema: z.ZodType, options: JsonSchemaForOptions = {}): JsonSchema {
  const raw = outputJsonSchema(schema);
  if (options.strict === false) return structuredClone(raw);
  if (raw.type !== "object") throw new Error("jsonSchemaFor: the root of a structured output must be an object");
  // Cloned so a caller editing the result cannot touch the cached zod output.
  return structuredClone(strictNode(raw, "#")) as JsonSchema;
}

const rawCache = new WeakMap<z.ZodType, JsonSchema>();

function outputJsonSchema(schema: z.ZodType): JsonSchema {
  let raw = rawCache.get(schema);
  if (!raw) {
    raw = z.toJSONSchema(schema, { io: "output", unrepresentable: "throw", target: "draft-2020-12" }) as JsonSchema;
    delete raw.$schema;
    rawCache.set(schema, raw);
  }
  return raw;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function strictNode(node: unknown, at: string): unknown {
  if (!isRecord(node)) throw new Error(`jsonSchemaFor: boolean schema at ${at} is not supported in strict mode`);
  if (Object.keys(node).every((key) => key === "description" || key === "title")) {
    throw new Error(`jsonSchemaFor: ${at} accepts any value (z.unknown/z.any), which strict mode cannot express`);
  }
  const out: JsonSchema = {};
  const hints: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (KEPT.has(key)) out[key] = value;
    else if (key === "const") out.enum = [value];
    else if (key === "oneOf") out.anyOf = value;
    else if (HINTED.has(key)) {
      const isSafeIntBound = (key === "minimum" || key === "maximum") && Math.abs(Number(value)) === Number.MAX_SAFE_INTEGER;
      if (!isSafeIntBound) hints.push(`${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
    } else if (!DROPPED.has(key)) {
      throw new Error(`jsonSchemaFor: keyword "${key}" at ${at} is not supported in strict mode`);
    }
  }
  if (hints.length > 0) {
    const text = `Constraints: ${hints.join(", ")}.`;
    out.description = typeof out.description === "string" ? `${out.description} ${text}` : text;
  }
  if (Array.isArray(out.type) && out.type.filter((type) => type !== "null").length > 1) {
    const { type, ...rest } = out;
    return { ...rest, anyOf: (type as string[]).map((one) => ({ type: one })) };
  }
  if (isRecord(out.$defs)) {
    out.$defs = Object.fromEntries(Object.entries(out.$defs).map(([name, def]) => [name, strictNode(def, `#/$defs/${name}`)]));
  }
  if (Array.isArray(out.anyOf)) out.anyOf = out.anyOf.map((branch, i) => strictNode(branch, `${at}/anyOf/${i}`));
  if (out.type === "array" || (Array.isArray(out.type) && out.type.includes("array"))) {
    if (!isRecord(out.items)) throw new Error(`jsonSchemaFor: array at ${at} needs a single "items" schema`);
    out.items = strictNode(out.items, `${at}/items`);
  }
  if (out.type === "object" || (Array.isArray(out.type) && out.type.includes("object")) || "properties" in out) {
    if (!isRecord(out.properties)) {
      throw new Error(`jsonSchemaFor: object at ${at} has no fixed properties (a record?), which strict mode cannot express`);
    }
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    const properties = Object.fromEntries(
      Object.entries(out.properties).map(([name, property]) => {
        const strict = strictNode(property, `${at}/properties/${name}`);
        return [name, required.has(name) ? strict : nullable(strict as JsonSchema)];
      }),
    );
    out.properties = properties;
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  return out;
}

function acceptsNull(node: JsonSchema): boolean {
  if (node.type === "null" || (Array.isArray(node.type) && node.type.includes("null"))) return true;
  if (Array.isArray(node.enum) && node.enum.includes(null)) return true;
  return Array.isArray(node.anyOf) && node.anyOf.some((branch) => isRecord(branch) && acceptsNull(branch));
}

const PRIMITIVE = new Set(["string", "number", "integer", "boolean"]);

/** `node` or `null`: a type array for primitives, `anyOf` otherwise. */
function nullable(node: JsonSchema): JsonSchema {
  if (acceptsNull(node)) return node;
  if (typeof node.type === "string" && PRIMITIVE.has(node.type) && !node.enum) return { ...node, type: [node.type, "null"] };
  if (Array.isArray(node.anyOf)) return { ...node, anyOf: [...node.anyOf, { type: "null" }] };
  const { description, ...rest } = node;
  return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: "null" }] };
}

/**
 * Removes `null` values where `schema` has an optional, non-nullable field, so a
 * strict-mode answer (which must send every field, `null` for "absent") parses.
 * Returns a new value; anything it does not recognise is left as is.
 */
export function dropNullOptionals(schema: z.ZodType, value: unknown): unknown {
  const root = outputJsonSchema(schema);
  return prune(value, root, root);
}

function resolve(node: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  if (ref === "#") return root;
  const name = ref.startsWith("#/$defs/") ? ref.slice("#/$defs/".length) : undefined;
  const target = name !== undefined && isRecord(root.$defs) ? root.$defs[name] : undefined;
  return isRecord(target) ? resolve(target, root) : node;
}

function prune(value: unknown, schemaNode: unknown, root: JsonSchema): unknown {
  if (!isRecord(schemaNode)) return value;
  const node = resolve(schemaNode, root);
  const branches = [...(Array.isArray(node.anyOf) ? node.anyOf : []), ...(Array.isArray(node.oneOf) ? node.oneOf : [])];
  if (branches.length > 0) {
    const kind = Array.isArray(value) ? "array" : isRecord(value) ? "object" : undefined;
    const branch = branches.find((one) => isRecord(one) && resolve(one, root).type === kind);
    return kind && branch ? prune(value, branch, root) : value;
  }
  if (Array.isArray(value)) return value.map((item) => prune(item, node.items, root));
  if (isRecord(value) && isRecord(node.properties)) {
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const property = node.properties[key];
      if (item === null && !required.has(key) && isRecord(property) && !acceptsNull(resolve(property, root))) continue;
      out[key] = prune(item, property, root);
    }
    return out;
  }
  return value;
}
