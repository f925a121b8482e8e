import { describe, expect, it } from "vitest";
import { applyOfflineChange } from "../offline/code/change.ts";
import { filesForChange, parseChange } from "./change-request.ts";

const files = [
  { path: "README.md", content: "# Recipe Box\n", language: "markdown" },
  { path: "src/styles.css", content: ".topbar { background: var(--primary); }\n", language: "css" },
  { path: "src/components/Layout.tsx", content: "<span className=\"brand\">Recipe Box</span>", language: "typescript" },
  { path: "src/pages/Recipes.tsx", content: "export function Recipes() { return <h1>Recipes</h1>; }", language: "typescript" },
];

describe("parseChange", () => {
  it("reads a colour for a part of the app", () => {
    expect(parseChange("make the header blue")).toEqual({ kind: "style", selector: ".topbar", declarations: { background: "#2563eb", color: "#ffffff" } });
    expect(parseChange("Links should be #ff0000")).toEqual({ kind: "style", selector: "a", declarations: { color: "#ff0000" } });
    expect(parseChange("make the footer text green")).toEqual({ kind: "style", selector: ".footer", declarations: { color: "#16a34a" } });
  });

  it("reads a new app name, and admits what it cannot read", () => {
    expect(parseChange('rename the app to "Meal Planner"')).toEqual({ kind: "rename", name: "Meal Planner" });
    expect(parseChange("add a shopping list")).toEqual({ kind: "other" });
  });
});

describe("a follow-up on existing files", () => {
  it("touches the stylesheet for a style and the files naming the app for a rename", () => {
    expect(filesForChange("make the header blue", files, "Recipe Box").map((f) => f.path)).toEqual(["src/styles.css"]);
    expect(filesForChange("rename the app to Meal Planner", files, "Recipe Box").map((f) => f.path)).toEqual(["README.md", "src/components/Layout.tsx"]);
    expect(filesForChange("add sorting to the recipes page", files, "Recipe Box").map((f) => f.path)).toEqual(["src/pages/Recipes.tsx", "README.md"]);
  });

  it("applies a style once, replacing its own rule when asked again", () => {
    const once = applyOfflineChange("make the header blue", "src/styles.css", files[1]!.content, "Recipe Box");
    expect(once).toContain("/* change: make the header blue */\n.topbar { background: #2563eb; color: #ffffff; }\n");
    expect(applyOfflineChange("make the header blue", "src/styles.css", once, "Recipe Box")).toBe(once);
  });

  it("renames the app and records what rules cannot do in the README", () => {
    expect(applyOfflineChange("rename the app to Meal Planner", "README.md", "# Recipe Box\n", "Recipe Box")).toBe("# Meal Planner\n");
    expect(applyOfflineChange("add a shopping list", "README.md", "# Recipe Box\n", "Recipe Box")).toContain("## Change requests\n\n- add a shopping list");
    expect(applyOfflineChange("add a shopping list", "src/pages/Recipes.tsx", "x", "Recipe Box")).toBe("x");
  });
});
