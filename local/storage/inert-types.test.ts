import { describe, expect, it } from "vitest";
import { isActiveType, servedContentType } from "./inert-types.ts";

describe("servedContentType", () => {
  it.each(["text/html", "TEXT/HTML; charset=utf-8", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/xml", "application/rss+xml", "text/javascript", "application/javascript", "multipart/x-mixed-replace; boundary=x", "", "nonsense", "text/html,text/plain"])(
    "serves %j as plain text",
    (type) => {
      expect(isActiveType(type)).toBe(true);
      expect(servedContentType(type)).toBe("text/plain; charset=utf-8");
    },
  );

  it.each(["image/png", "image/jpeg", "application/pdf", "text/plain", "text/csv", "application/json", "video/mp4", "application/octet-stream", "text/markdown; charset=utf-8"])(
    "keeps %j as stored",
    (type) => {
      expect(servedContentType(type)).toBe(type);
    },
  );
});
