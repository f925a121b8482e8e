import { describe, expect, it } from "vitest";
import { issueLocation } from "./location.ts";

describe("issueLocation", () => {
  it("reads the file, line and column the static checks write", () => {
    expect(issueLocation("src/App.tsx:12:3 [types] Property 'x' does not exist.")).toEqual({ path: "src/App.tsx", line: 12, rest: "[types] Property 'x' does not exist." });
  });

  it("reads a file and line followed by a colon, and a file with no line", () => {
    expect(issueLocation("src/pages/Walks.tsx:7: a TODO is left in the code.")).toEqual({ path: "src/pages/Walks.tsx", line: 7, rest: "a TODO is left in the code." });
    expect(issueLocation("src/App.tsx: the site map's route /walks has no <Route>.")).toMatchObject({ path: "src/App.tsx", line: null });
    expect(issueLocation("index.html [resolve] nothing imports src/old.ts")).toMatchObject({ path: "index.html", line: null, rest: "[resolve] nothing imports src/old.ts" });
  });

  it("finds no file in prose", () => {
    expect(issueLocation('Must-have feature "Walks" does not show in the code.')).toBeNull();
    expect(issueLocation("README.md is missing.")).toMatchObject({ path: "README.md" });
    expect(issueLocation("The app. It works")).toBeNull();
  });
});
