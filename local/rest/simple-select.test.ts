import { describe, expect, it } from "vitest";
import type { SimpleSchema } from "./simple-schema.ts";
import { planSimpleSelect, simpleSelectSql } from "./simple-select.ts";

const relations: SimpleSchema = {
  relations: new Map([
    ["projects", new Set(["id", "title", "user_id"])],
    ["project_files", new Set(["id", "project_id", "path"])],
    ["profiles", new Set(["id", "full_name"])],
  ]),
  links: new Map([
    ["projects/project_files", [{ fromColumn: "id", toColumn: "project_id", kind: "many" as const }]],
    ["project_files/projects", [{ fromColumn: "project_id", toColumn: "id", kind: "one" as const }]],
    ["projects/profiles", [
      { fromColumn: "user_id", toColumn: "id", kind: "one" as const },
      { fromColumn: "reviewer_id", toColumn: "id", kind: "one" as const },
    ]],
  ]),
};
const get = (query: string, headers: Record<string, string> = {}, method = "GET") =>
  new Request(`http://127.0.0.1:54321/rest/v1/projects${query}`, { method, headers });

describe("planSimpleSelect", () => {
  it("takes a column list with equality-style filters", () => {
    expect(planSimpleSelect(get("?select=id,title&id=eq.7&title=neq.x"), relations)).toEqual({
      relation: "projects",
      columns: ["id", "title"],
      embeds: [],
      filters: [
        { column: "id", operator: "=", value: "7" },
        { column: "title", operator: "<>", value: "x" },
      ],
      single: false,
      location: "/projects?id=eq.7&select=id%2Ctitle&title=neq.x",
    });
  });

  it("takes select=* and .single()'s Accept header", () => {
    const plan = planSimpleSelect(get("?select=*&id=eq.7", { accept: "application/vnd.pgrst.object+json" }), relations);
    expect(plan).toMatchObject({ columns: "*", single: true });
  });

  it("takes one level of embedding along the one foreign key between the tables", () => {
    expect(planSimpleSelect(get("?select=*,project_files(id,path)&id=eq.7"), relations)?.embeds).toEqual([
      { relation: "project_files", columns: ["id", "path"], link: { fromColumn: "id", toColumn: "project_id", kind: "many" } },
    ]);
    const parent = new Request("http://127.0.0.1:54321/rest/v1/project_files?select=path,projects(title)");
    expect(planSimpleSelect(parent, relations)?.embeds[0]?.link.kind).toBe("one");
  });

  it.each([
    ["a nested embedding", get("?select=id,project_files(*,projects(*))")],
    ["an !inner embedding", get("?select=id,project_files!inner(*)")],
    ["an aliased embedding", get("?select=id,files:project_files(*)")],
    ["an embedding with two candidate foreign keys", get("?select=id,profiles(*)")],
    ["a filter on an embedded column", get("?select=id,project_files(*)&project_files.path=eq.x")],
    ["an alias or cast", get("?select=name:title")],
    ["an unknown column", get("?select=secret")],
    ["an unknown relation", new Request("http://127.0.0.1:54321/rest/v1/other?select=*")],
    ["another operator", get("?title=like.*x*")],
    ["order", get("?order=title")],
    ["limit", get("?limit=1")],
    ["the apikey as a parameter", get("?apikey=x")],
    ["a Prefer header (count)", get("?select=*", { prefer: "count=exact" })],
    ["a Range header", get("?select=*", { range: "0-9" })],
    ["another schema", get("?select=*", { "accept-profile": "storage" })],
    ["CSV", get("?select=*", { accept: "text/csv" })],
    ["a write", get("?select=*", {}, "DELETE")],
    ["a NUL byte in a value", get("?title=eq.a%00b")],
  ])("leaves %s to @supabase/lite", (_, request) => {
    expect(planSimpleSelect(request, relations)).toBeNull();
  });
});

describe("simpleSelectSql", () => {
  it("quotes filter values as escape-string literals, so a value cannot end the statement", () => {
    const plan = planSimpleSelect(get("?title=eq.x'; drop table projects; --\\"), relations)!;
    const sql = simpleSelectSql(plan, { role: "anon", sub: "", claims: { role: "anon" } });
    expect(sql).toContain(`"title" = E'x''; drop table projects; --\\\\'`);
    expect(sql.startsWith("BEGIN; select set_config('role', E'anon', true)")).toBe(true);
    expect(sql.endsWith("; COMMIT")).toBe(true);
  });
});
