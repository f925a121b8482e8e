import { describe, expect, it } from "vitest";
import { RefactorRequest } from "../../../../shared/protocol/index.ts";
import { requestOf, type RefactorFields } from "./request.ts";

const blank: RefactorFields = { instruction: "", symbol: "", renameTo: "", why: "", path: "", toPath: "", componentName: "", tag: "", occurrence: "1", startLine: "", endLine: "" };
const PROJECT = "5b0b3a53-8a5e-4bb8-9d44-3c2b0a0d3f11";
/** What the function accepts, as it parses it. */
const accepted = (body: object) => RefactorRequest.parse({ project_id: PROJECT, ...body });

describe("requestOf", () => {
  it("builds each kind's request as the function's schema takes it", () => {
    const cases = [
      requestOf("instruction", { ...blank, instruction: "  extract the client form  " }),
      requestOf("rename_symbol", { ...blank, symbol: "WalkList", renameTo: "WalkTable", why: "tables" }),
      requestOf("rename_file", { ...blank, path: "src/A.tsx", toPath: "src/b/A.tsx" }),
      requestOf("extract_component", { ...blank, path: "src/A.tsx", componentName: "ClientForm", tag: "form", occurrence: "2" }),
      requestOf("extract_component", { ...blank, path: "src/A.tsx", componentName: "ClientRow", startLine: "4", endLine: "9", toPath: "src/ClientRow.tsx" }),
    ];
    const bodies = cases.map((c) => ("body" in c ? c.body : c.errors));
    expect(bodies).toEqual([
      { kind: "instruction", instruction: "extract the client form", scope: {} },
      { symbol: "WalkList", options: { rename_to: "WalkTable" }, scope: {}, instruction: "tables" },
      { kind: "rename_file", path: "src/A.tsx", to_path: "src/b/A.tsx" },
      { kind: "extract_component", path: "src/A.tsx", target: { tag: "form", occurrence: 2 }, component_name: "ClientForm" },
      { kind: "extract_component", path: "src/A.tsx", target: { start_line: 4, end_line: 9 }, component_name: "ClientRow", to_path: "src/ClientRow.tsx" },
    ]);
    for (const body of bodies) expect(() => accepted(body)).not.toThrow();
  });

  it("names the fields that are wrong before anything is sent", () => {
    expect(requestOf("instruction", blank)).toEqual({ errors: { instruction: expect.stringContaining("Say what to change") } });
    expect(requestOf("rename_symbol", { ...blank, symbol: "A", renameTo: "A" })).toEqual({ errors: { renameTo: "The new name must differ from the old one." } });
    expect(requestOf("rename_file", { ...blank, path: "src/A.tsx", toPath: "src/A.tsx" })).toEqual({ errors: { toPath: expect.any(String) } });
    expect(Object.keys((requestOf("extract_component", { ...blank, path: "src/A.tsx", componentName: "form", startLine: "9", endLine: "3" }) as { errors: object }).errors)).toEqual(["componentName", "endLine"]);
  });
});
