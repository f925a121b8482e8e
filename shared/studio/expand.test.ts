import { describe, expect, it } from "vitest";
import type { AppError } from "../errors.ts";
import { expand, expandedCount } from "./expand.ts";
import { validateParameterSets } from "./parameters.ts";

const schema = {
  type: "object",
  properties: {
    prompt: { type: "string", minLength: 1 },
    seed: { type: "integer", minimum: 0 },
    width: { type: "integer", multipleOf: 64 },
    loras: { type: "array", items: { type: "string" } },
  },
  required: ["prompt"],
  additionalProperties: false,
};

describe("order expansion", () => {
  it("expands 3 prompts × 2 seeds × 2 sizes into 12 items, by parameter name, the last fastest", () => {
    const sets = expand({ width: [512, 768], seed: [1, 2], prompt: ["a", "b", "c"] }, schema, 100);
    expect(sets).toHaveLength(12);
    expect(sets[0]).toEqual({ prompt: "a", seed: 1, width: 512 });
    expect(sets[1]).toEqual({ prompt: "a", seed: 1, width: 768 });
    expect(sets[2]).toEqual({ prompt: "a", seed: 2, width: 512 });
    expect(sets[11]).toEqual({ prompt: "c", seed: 2, width: 768 });
    expect(Object.keys(sets[5]!)).toEqual(["prompt", "seed", "width"]);
  });

  it("gives the same sequence whatever order the keys were written in", () => {
    const a = expand({ prompt: ["x", "y"], seed: [3, 4] }, schema, 10);
    const b = expand({ seed: [3, 4], prompt: ["x", "y"] }, schema, 10);
    expect(b).toEqual(a);
  });

  it("treats a list of lists as the values of an array parameter, and a flat list as one value", () => {
    expect(expandedCount({ prompt: "p", loras: [["a"], ["a", "b"], []] }, schema)).toBe(3);
    const sets = expand({ prompt: ["p", "q"], loras: [["a"], ["a", "b"]] }, schema, 10);
    expect(sets.map((set) => set.loras)).toEqual([["a"], ["a"], ["a", "b"], ["a", "b"]]);
    expect(expand({ prompt: "p", loras: ["a", "b"] }, schema, 10)).toEqual([{ prompt: "p", loras: ["a", "b"] }]);
  });

  it("counts a scalar-only set as one item", () => {
    expect(expand({ prompt: "only" }, schema, 1)).toEqual([{ prompt: "only" }]);
  });

  it("rejects an order over the limit, naming the lists that multiply", () => {
    const base = { prompt: Array.from({ length: 30 }, (_, i) => `p${i}`), seed: Array.from({ length: 20 }, (_, i) => i) };
    const error = (() => { try { expand(base, schema, 500); } catch (e) { return e; } })() as AppError;
    expect(error).toMatchObject({ code: "too_many_items", details: { limit: 500 } });
    expect(error.details).toEqual({ expanded_count: 600, limit: 500 });
    expect(error.message).toContain("600 items (prompt (30) × seed (20)); the limit is 500");
  });

  it("rejects an empty list", () => {
    expect(() => expand({ prompt: [] }, schema, 10)).toThrow(/no items/);
  });
});

describe("parameter validation", () => {
  it("lists each problem once with the items it affects", () => {
    const sets = expand({ prompt: ["ok", ""], seed: [1, -1], colour: "red" }, schema, 10);
    const issues = validateParameterSets(schema, sets);
    const byPath = Object.fromEntries(issues.map((issue) => [issue.path, issue]));
    expect(byPath["/prompt"]?.items).toEqual([3, 4]);
    expect(byPath["/seed"]?.items).toEqual([2, 4]);
    expect(byPath["/colour"]?.items).toEqual([1, 2, 3, 4]);
  });

  it("accepts valid sets", () => {
    expect(validateParameterSets(schema, expand({ prompt: ["a", "b"], width: 512 }, schema, 10))).toEqual([]);
  });
});
