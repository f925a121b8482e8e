// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import { QaReport } from "./index.tsx";

afterEach(cleanup);

const result = {
  passed: false,
  summary: "Failed.",
  issues: [
    { severity: "critical" as const, description: "src/api.ts:2: a secret key is in browser code.", suggestion: "Remove it." },
    { severity: "warning" as const, description: "src/gone.tsx:4: an image has no alt text.", suggestion: "Add alt." },
    { severity: "info" as const, description: "README.md is missing.", suggestion: "Write one." },
  ],
};

describe("QaReport", () => {
  it("groups issues by severity and links those naming a file the project has to that file and line", () => {
    const files = new Set(["src/api.ts", "src/App.tsx"]);
    render(
      <MemoryRouter>
        <QaReport result={result} linkTo={(path, line) => (files.has(path) ? `/files/${path}${line ? `?line=${line}` : ""}` : null)} />
      </MemoryRouter>,
    );
    expect(screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual(["Critical 1", "Warnings 1", "Notes 1"]);
    const link = screen.getByRole("link", { name: "src/api.ts:2" });
    expect(link.getAttribute("href")).toBe("/files/src/api.ts?line=2");
    expect(link.parentElement!.textContent).toBe("src/api.ts:2 a secret key is in browser code.");
    // A file the project does not have, and prose, stay text.
    expect(screen.getAllByRole("link")).toHaveLength(1);
    expect(screen.getByText("src/gone.tsx:4: an image has no alt text.")).toBeTruthy();
  });
});
