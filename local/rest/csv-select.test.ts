import { describe, expect, it } from "vitest";
import { csvFields, fieldType } from "./csv-select.ts";

describe("csvFields", () => {
  it("names fields as PostgREST's header does: alias, else the last JSON key, else the column", () => {
    expect(csvFields("id,d:doc,ok::text,doc->a->>b,tags->0,x:tags->0,msgs:messages(id),users!inner(*)")).toEqual([
      { name: "id", source: "id", path: [], cast: null },
      { name: "d", source: "doc", path: [], cast: null },
      { name: "ok", source: "ok", path: [], cast: "text" },
      { name: "b", source: "doc", path: [{ text: false, key: "a" }, { text: true, key: "b" }], cast: null },
      { name: "tags", source: "tags", path: [{ text: false, key: "0" }], cast: null },
      { name: "x", source: "tags", path: [{ text: false, key: "0" }], cast: null },
      { name: "msgs", source: null, path: [], cast: null },
      { name: "users", source: null, path: [], cast: null },
    ]);
    expect(csvFields(null)).toEqual(["*"]);
    expect(csvFields("*, id")).toEqual(["*", { name: "id", source: "id", path: [], cast: null }]);
    expect(csvFields("id,...users(name,n:id)")).toEqual([
      { name: "id", source: "id", path: [], cast: null },
      { spread: "users", select: "name,n:id" },
    ]);
  });

  it("leaves hinted spreads, aggregates and quoted names to lite (null)", () => {
    for (const select of ["id,...users!fk(name)", "count()", "reading.sum()", '"odd name"', "id::text[]", "a:b:c"]) {
      expect(csvFields(select)).toBeNull();
    }
  });
});

describe("fieldType", () => {
  const field = (path: { text: boolean; key: string }[], cast: string | null = null, source: string | null = "c") => ({ name: "c", source, path, cast });
  it("types JSON paths as Postgres does: -> keeps json, else jsonb; ->> is text; a cast wins; an embed is jsonb", () => {
    expect(fieldType(field([]), "integer", null)).toBe("integer");
    expect(fieldType(field([{ text: false, key: "a" }]), "json", null)).toBe("json");
    expect(fieldType(field([{ text: false, key: "a" }]), "text[]", null)).toBe("jsonb");
    expect(fieldType(field([{ text: true, key: "a" }]), "jsonb", null)).toBe("text");
    expect(fieldType(field([{ text: true, key: "a" }], "int"), "jsonb", "integer")).toBe("integer");
    expect(fieldType(field([], null, null), "jsonb", null)).toBe("jsonb");
  });
});
