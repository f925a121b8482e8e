import { describe, expect, it } from "vitest";
import { isHttpError } from "../http-error.ts";
import { mustBeValidBucketName, mustBeValidKey, objectPath } from "./object-keys.ts";
import { matchRoute } from "./router.ts";

const rejection = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (isHttpError(error)) return error.body;
    throw error;
  }
  return null;
};

describe("object keys", () => {
  it.each(["a.txt", "user/folder/file name (1).png", "..hidden/x", "a/..b", "x/.emptyFolderPlaceholder"])("accepts %j", (key) => {
    expect(rejection(() => mustBeValidKey(key))).toBeNull();
  });

  it.each([
    ["", "Invalid key: "],
    ["../x", "contains dot path segment"],
    ["a/../../x", "contains dot path segment"],
    ["a/./x", "contains dot path segment"],
    ["/etc/passwd", "must be a relative path"],
    ["a//b", "empty path segment"],
    ["a/", "empty path segment"],
    ["a\0b", "contains null byte"],
    ["a\\..\\b", "Invalid key"],
    ["ключ", "Invalid key"],
  ])("refuses %j (%s)", (key, reason) => {
    expect(rejection(() => mustBeValidKey(key))).toMatchObject({ statusCode: "400", error: "InvalidKey", message: expect.stringContaining(reason) });
  });

  it("resolves inside the bucket directory only", () => {
    expect(objectPath("/data/storage", "avatars", "u/1.png")).toBe("/data/storage/avatars/u/1.png");
    expect(rejection(() => objectPath("/data/storage", "..", "x"))).toMatchObject({ error: "Invalid Input" });
    expect(rejection(() => objectPath("/data/storage", "avatars", "../other/x"))).toMatchObject({ error: "InvalidKey" });
  });

  it.each([".", "..", "", " padded", "a/b", "x".repeat(101)])("refuses bucket name %j", (name) => {
    expect(rejection(() => mustBeValidBucketName(name))).toMatchObject({ statusCode: "400", code: "InvalidBucketName" });
  });
});

describe("routes", () => {
  it("takes `:bucket` as one segment and `*` as the decoded rest", () => {
    expect(matchRoute("/object/:bucket/*", "/object/files/a/b%20c.txt")).toEqual({ bucket: "files", key: "a/b c.txt" });
    expect(matchRoute("/object/:bucket/*", "/object/files/..%2F..%2Fx")).toEqual({ bucket: "files", key: "../../x" });
    expect(matchRoute("/object/:bucket/*", "/object/files")).toBeNull();
    expect(matchRoute("/object/:bucket", "/object/files")).toEqual({ bucket: "files", key: "" });
    expect(matchRoute("/bucket/:bucket", "/bucket/a/b")).toBeNull();
  });
});
