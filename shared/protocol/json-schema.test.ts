import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CodeGenerationResult, LearningRoadmap, RequirementsDoc, agentOutputSchemas, dropNullOptionals, jsonSchemaFor, type JsonSchema } from "./index.ts";

const ALLOWED = new Set(["type", "properties", "required", "additionalProperties", "items", "enum", "anyOf", "description", "title", "$ref", "$defs"]);

/** Every violation of OpenAI's strict structured-output rules in `schema`, as `path: problem`. */
function strictViolations(schema: JsonSchema, at = "#"): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(schema)) if (!ALLOWED.has(key)) problems.push(`${at}: keyword ${key}`);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("object")) {
    if (schema.additionalProperties !== false) problems.push(`${at}: additionalProperties is not false`);
    const keys = Object.keys((schema.properties ?? {}) as object).sort();
    if (JSON.stringify([...((schema.required as string[]) ?? [])].sort()) !== JSON.stringify(keys)) problems.push(`${at}: not every property is required`);
  }
  for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) problems.push(...strictViolations(sub, `${at}/${name}`));
  if (schema.items) problems.push(...strictViolations(schema.items as JsonSchema, `${at}/items`));
  for (const [i, sub] of ((schema.anyOf as JsonSchema[]) ?? []).entries()) problems.push(...strictViolations(sub, `${at}/anyOf/${i}`));
  for (const [name, sub] of Object.entries((schema.$defs ?? {}) as Record<string, JsonSchema>)) problems.push(...strictViolations(sub, `#/$defs/${name}`));
  return problems;
}

describe("jsonSchemaFor", () => {
  it.each(Object.entries(agentOutputSchemas))("gives %s a schema OpenAI's strict mode accepts", (_agent, schema) => {
    const json = jsonSchemaFor(schema);
    expect(json.type).toBe("object");
    expect(strictViolations(json)).toEqual([]);
  });

  it("requires fields that have defaults, without the default keyword", () => {
    const json = jsonSchemaFor(CodeGenerationResult);
    expect(json.required).toEqual(["file_path", "code", "language", "explanation"]);
    expect(json.properties).toMatchObject({ file_path: { type: "string", description: "Constraints: minLength=1, maxLength=500." } });
    expect(JSON.stringify(json)).not.toContain("default");
  });

  it("keeps Optional[...] = None fields required and nullable", () => {
    expect((jsonSchemaFor(RequirementsDoc).properties as JsonSchema).technical_constraints).toEqual({ type: ["string", "null"] });
  });

  it("states removed bounds in the description", () => {
    const modules = (jsonSchemaFor(LearningRoadmap).properties as Record<string, JsonSchema>).modules!;
    expect(modules.description).toBe("Constraints: minItems=1.");
    expect(((modules.items as JsonSchema).properties as Record<string, JsonSchema>).estimated_hours).toEqual({
      type: "number",
      description: "Constraints: exclusiveMinimum=0, maximum=100.",
    });
  });

  it("turns optional fields into required nullable ones, and dropNullOptionals undoes it", () => {
    const schema = z.strictObject({
      note: z.string().describe("A note").optional(),
      kind: z.enum(["a", "b"]).optional(),
      tags: z.array(z.strictObject({ label: z.string(), weight: z.number().int().optional() })),
      maybe: z.string().nullable().optional(),
    });
    const json = jsonSchemaFor(schema);
    expect(strictViolations(json)).toEqual([]);
    expect(json.properties).toMatchObject({
      note: { type: ["string", "null"], description: "A note" },
      kind: { anyOf: [{ type: "string", enum: ["a", "b"] }, { type: "null" }] },
      tags: { items: { properties: { weight: { type: ["integer", "null"] } }, required: ["label", "weight"] } },
    });
    const answer = { note: null, kind: null, tags: [{ label: "x", weight: null }], maybe: null };
    expect(schema.safeParse(answer).success).toBe(false);
    const cleaned = dropNullOptionals(schema, answer);
    expect(cleaned).toEqual({ tags: [{ label: "x" }], maybe: null });
    expect(schema.parse(cleaned)).toEqual({ tags: [{ label: "x" }], maybe: null });
    expect(answer.note).toBeNull();
  });

  it("refuses shapes strict mode cannot express", () => {
    expect(() => jsonSchemaFor(z.strictObject({ map: z.record(z.string(), z.string()) }))).toThrow(/not supported in strict mode/);
    expect(() => jsonSchemaFor(z.strictObject({ anything: z.unknown() }))).toThrow(/accepts any value/);
    expect(() => jsonSchemaFor(z.array(z.string()))).toThrow(/root of a structured output must be an object/);
  });

  it("returns zod's own output schema when strict is off", () => {
    const json = jsonSchemaFor(LearningRoadmap, { strict: false });
    expect(json.$schema).toBeUndefined();
    expect(JSON.stringify(json)).toContain('"minItems":1');
    expect(JSON.stringify(json)).toContain('"default":[]');
  });
});
