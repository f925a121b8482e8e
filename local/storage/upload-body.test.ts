import { describe, expect, it } from "vitest";
import { isHttpError } from "../http-error.ts";
import { parseFileSizeLimit } from "./buckets.ts";
import { GLOBAL_FILE_SIZE_LIMIT, readUpload, validateMimeType } from "./upload-body.ts";

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (isHttpError(error)) return error.body;
    throw error;
  }
  return null;
};
const upload = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://local/storage/v1/object/b/k", { method: "POST", body, headers });

describe("readUpload", () => {
  const limits = { file_size_limit: 10, allowed_mime_types: ["image/*", "text/plain"] };

  it("reads a raw body with its type, cache-control and base64 JSON metadata", async () => {
    const metadata = Buffer.from(JSON.stringify({ a: 1 })).toString("base64");
    const result = await readUpload(upload("hi", { "content-type": "text/plain", "cache-control": "max-age=5", "x-metadata": metadata }), "k", limits);
    expect(result).toMatchObject({ mimetype: "text/plain", cacheControl: "max-age=5", userMetadata: { a: 1 } });
    expect(Buffer.from(result.bytes).toString()).toBe("hi");
  });

  it("reads the file part of a form, as storage-js sends a Blob", async () => {
    const form = new FormData();
    form.append("cacheControl", "3600");
    form.append("", new Blob(["png!"], { type: "image/png" }));
    const result = await readUpload(upload(form), "k", limits);
    expect(result).toMatchObject({ mimetype: "image/png", cacheControl: "max-age=3600" });
    expect(Buffer.from(result.bytes).toString()).toBe("png!");
  });

  it("refuses more bytes than the limit and a type not allowed", async () => {
    expect(await failure(readUpload(upload("x".repeat(11), { "content-type": "text/plain" }), "k", limits))).toMatchObject({ statusCode: "413" });
    expect(await failure(readUpload(upload("x", { "content-type": "application/pdf" }), "k", limits))).toMatchObject({
      statusCode: "415",
      message: "mime type application/pdf is not supported",
    });
  });

  it("lets an empty folder placeholder through whatever its type", async () => {
    const result = await readUpload(upload("", { "content-type": "application/x-empty" }), "dir/.emptyFolderPlaceholder", limits);
    expect(result.bytes.byteLength).toBe(0);
  });

  it("checks a placeholder name that carries bytes like any other upload", async () => {
    const html = upload("<b>hi</b>", { "content-type": "text/html" });
    expect(await failure(readUpload(html, "dir/evil.emptyFolderPlaceholder", limits))).toMatchObject({ statusCode: "415" });
    const big = upload("x".repeat(11), { "content-type": "text/plain" });
    expect(await failure(readUpload(big, "dir/.emptyFolderPlaceholder", limits))).toMatchObject({ statusCode: "413" });
  });

  it("matches types as storage-api does (parameters are part of the subtype)", () => {
    expect(() => validateMimeType("image/webp", ["image/*"])).not.toThrow();
    expect(() => validateMimeType("text/plain;charset=UTF-8", ["text/plain"])).toThrow();
    expect(() => validateMimeType("nonsense", ["*"])).toThrow();
  });
});

describe("parseFileSizeLimit", () => {
  it("reads bytes and sizes with units, and refuses the rest", async () => {
    expect(parseFileSizeLimit(1234)).toBe(1234);
    expect(parseFileSizeLimit("1.5MB")).toBe(1_500_000);
    expect(parseFileSizeLimit("20kb")).toBe(20_000);
    expect(parseFileSizeLimit(null)).toBeNull();
    expect(await failure(Promise.resolve().then(() => parseFileSizeLimit("big")))).toMatchObject({ statusCode: "400" });
    expect(await failure(Promise.resolve().then(() => parseFileSizeLimit(-1)))).toMatchObject({ statusCode: "400" });
    expect(await failure(Promise.resolve().then(() => parseFileSizeLimit(GLOBAL_FILE_SIZE_LIMIT + 1)))).toMatchObject({ statusCode: "413" });
  });
});
