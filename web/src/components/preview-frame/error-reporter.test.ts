import { describe, expect, it } from "vitest";
import { PREVIEW_ERROR_MESSAGE, previewErrorOf, withErrorReporter } from "./error-reporter.ts";

describe("the preview's error reporter", () => {
  it("goes first in the page's head, before the app's bundle, or first of all when there is no head", () => {
    const page = withErrorReporter(`<!doctype html><html><head><title>App</title></head><body><script type="module">boom()</script></body></html>`);
    expect(page.indexOf("<script>")).toBeLessThan(page.indexOf("<title>"));
    expect(page.indexOf(PREVIEW_ERROR_MESSAGE)).toBeLessThan(page.indexOf("boom()"));
    expect(withErrorReporter("<p>hi</p>").startsWith("<script>")).toBe(true);
  });

  it("accepts only well-formed reports of the three kinds, cut to size", () => {
    expect(previewErrorOf({ type: PREVIEW_ERROR_MESSAGE, kind: "uncaught", message: " boom ", stack: "Error: boom\n at x" })).toEqual({ kind: "uncaught", message: "boom", stack: "Error: boom\n at x" });
    expect(previewErrorOf({ type: PREVIEW_ERROR_MESSAGE, kind: "render", message: "x".repeat(3000) })!.message).toHaveLength(2000);
    for (const data of [null, "boom", { type: "other", kind: "uncaught", message: "boom" }, { type: PREVIEW_ERROR_MESSAGE, kind: "warning", message: "boom" }, { type: PREVIEW_ERROR_MESSAGE, kind: "uncaught", message: " " }]) {
      expect(previewErrorOf(data)).toBeNull();
    }
  });
});
