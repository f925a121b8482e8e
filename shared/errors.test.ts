import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppError, dataOf, dbError, ERROR_STATUS, isAppError } from "./errors.ts";

/** Every TypeScript source of the functions, the shared code, the sandbox and the web app, tests excluded. */
function sources(): { path: string; text: string }[] {
  const root = join(import.meta.dirname, "..");
  return ["functions", "shared", "sandbox", "web/src"].flatMap((dir) =>
    (readdirSync(join(root, dir), { recursive: true }) as string[])
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.startsWith("page/"))
      .map((file) => ({ path: `${dir}/${file}`, text: readFileSync(join(root, dir, file), "utf8") })),
  );
}

describe("AppError", () => {
  it("takes its status from its code, is known by its marker, and answers as { error, code, details }", () => {
    const error = new AppError("wrong_state", "The job is running.", { status: "running" });
    expect(error.status).toBe(409);
    expect(isAppError(error)).toBe(true);
    expect(isAppError({ isAppError: true, code: "not_found" })).toBe(true);
    expect(isAppError(new Error("x"))).toBe(false);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ error: "The job is running.", code: "wrong_state", details: { status: "running" } });
  });
});

describe("dbError", () => {
  it.each([
    ["42501", "not_found", 404],
    ["PGRST116", "not_found", 404],
    ["23505", "conflict", 409],
    ["23514", "invalid_request", 400],
    ["23503", "invalid_request", 400],
    ["22P02", "invalid_request", 400],
    ["22P05", "invalid_request", 400],
    ["22021", "invalid_request", 400],
    ["CF409", "wrong_state", 409],
    ["CF422", "manifest_corrupted", 409],
    ["XX000", "internal_error", 500],
    [undefined, "internal_error", 500],
  ])("maps SQLSTATE %s to %s (%i)", (sqlstate, code, status) => {
    const error = dbError({ code: sqlstate, message: "boom" }, "reading it");
    expect(error).toMatchObject({ code, status });
  });

  it("dataOf returns the data or throws the mapped error", () => {
    expect(dataOf("x", { data: 1, error: null })).toBe(1);
    expect(() => dataOf("writing the file", { data: null, error: { code: "23514", message: "violates check" } })).toThrow("writing the file: violates check");
  });
});

describe("one error model across the code", () => {
  const all = sources();

  it("throws AppErrors only with codes of the closed list", () => {
    const unknown = all.flatMap(({ path, text }) =>
      [...text.matchAll(/new AppError\(\s*"(\w+)"/g)].map((m) => m[1]!).filter((code) => !(code in ERROR_STATUS)).map((code) => `${path}: ${code}`),
    );
    expect(unknown).toEqual([]);
  });

  it("has one base error: no other class extends Error", () => {
    const classes = all.flatMap(({ path, text }) => [...text.matchAll(/class (\w+) extends Error\b/g)].map((m) => `${path}: ${m[1]}`));
    expect(classes).toEqual(["shared/errors.ts: AppError"]);
  });

  it("turns database errors into AppErrors, never into a bare Error with the database's message", () => {
    const bare = all.flatMap(({ path, text }) =>
      text.split("\n").flatMap((line, i) => (/throw new Error\(`[^`]*\$\{\w*[eE]rror\??\.message/.test(line) ? [`${path}:${i + 1}`] : [])),
    );
    expect(bare).toEqual([]);
  });
});
