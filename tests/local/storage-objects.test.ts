import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPlugins } from "../../local/server.ts";
import { storage } from "../../local/storage/index.ts";
import { startTestStack, type TestStack } from "./stack.ts";

let stack: TestStack;
let owner: { client: SupabaseClient; userId: string; accessToken: string };

// What a project migration would do on Supabase: buckets, and owner-only policies keyed on the first folder.
const SETUP_SQL = `
  insert into storage.buckets (id, name, public) values ('files', 'files', false), ('public-files', 'public-files', true);
  insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
    values ('limited', 'limited', false, 1024, '{image/png,text/*}');
  create policy "Owners can read their files" on storage.objects for select to authenticated
    using (bucket_id in ('files', 'limited', 'public-files') and (storage.foldername(name))[1] = auth.uid()::text);
  create policy "Owners can upload into their folder" on storage.objects for insert to authenticated
    with check (bucket_id in ('files', 'limited', 'public-files') and (storage.foldername(name))[1] = auth.uid()::text);
  create policy "Owners can update their files" on storage.objects for update to authenticated
    using (bucket_id in ('files', 'limited', 'public-files') and (storage.foldername(name))[1] = auth.uid()::text)
    with check (bucket_id in ('files', 'limited', 'public-files') and (storage.foldername(name))[1] = auth.uid()::text);
  create policy "Owners can delete their files" on storage.objects for delete to authenticated
    using (bucket_id in ('files', 'limited', 'public-files') and (storage.foldername(name))[1] = auth.uid()::text);
`;

beforeAll(async () => {
  // Once the lead registers storage in defaultPlugins, this stays a single instance.
  stack = await startTestStack(defaultPlugins.some((plugin) => plugin.name === storage.name) ? defaultPlugins : [...defaultPlugins, storage]);
  await stack.db.exclusive(() => stack.db.pg.exec(SETUP_SQL));
  owner = await stack.signUp();
});
afterAll(() => stack?.close());

const onDisk = (bucket: string, name: string) => join(stack.config.dataDir, "storage", bucket, name);
const bytesOf = async (blob: Blob | null) => new Uint8Array(await blob!.arrayBuffer());

/** A raw request to the storage API as the owner (for what storage-js cannot send). */
function ownerFetch(path: string, init: RequestInit = {}) {
  return fetch(`${stack.apiUrl}/storage/v1${path}`, {
    ...init,
    headers: { apikey: stack.keys.anonKey, authorization: `Bearer ${owner.accessToken}`, ...init.headers },
  });
}

describe("upload and download", () => {
  it("round-trips every byte value through a raw body and stores it on disk", async () => {
    const bytes = new Uint8Array(randomBytes(64 * 1024));
    bytes.set(Array.from({ length: 256 }, (_, i) => i));
    const path = `${owner.userId}/data/blob.bin`;
    const { data, error } = await owner.client.storage.from("files").upload(path, bytes, { contentType: "application/octet-stream" });
    expect(error).toBeNull();
    expect(data).toMatchObject({ path, fullPath: `files/${path}` });
    expect(data!.id).toMatch(/^[0-9a-f-]{36}$/);

    const download = await owner.client.storage.from("files").download(path);
    expect(download.error).toBeNull();
    expect(Buffer.from(await bytesOf(download.data)).equals(Buffer.from(bytes))).toBe(true);
    expect(download.data!.type).toBe("application/octet-stream");
    expect((await readFile(onDisk("files", path))).equals(Buffer.from(bytes))).toBe(true);
  });

  it("accepts a Blob (sent as multipart form data) and keeps its type and cache-control", async () => {
    const path = `${owner.userId}/notes/hello.txt`;
    const blob = new Blob(["hello, storage"], { type: "text/plain" });
    const { error } = await owner.client.storage.from("files").upload(path, blob, { cacheControl: "60" });
    expect(error).toBeNull();
    const response = await ownerFetch(`/object/authenticated/files/${path}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("hello, storage");
    expect(response.headers.get("content-type")).toBe("text/plain");
    expect(response.headers.get("cache-control")).toBe("max-age=60");
    expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it("refuses to overwrite without upsert (409) and replaces the bytes with upsert or update", async () => {
    const path = `${owner.userId}/versions/doc.txt`;
    const bucket = owner.client.storage.from("files");
    expect((await bucket.upload(path, "one", { contentType: "text/plain" })).error).toBeNull();
    const again = await bucket.upload(path, "two", { contentType: "text/plain" });
    expect(again.error).toMatchObject({ statusCode: "409", message: "The resource already exists" });
    expect((await bucket.upload(path, "two", { contentType: "text/plain", upsert: true })).error).toBeNull();
    expect(await (await bucket.download(path)).data!.text()).toBe("two");
    expect((await bucket.update(path, "three", { contentType: "text/plain" })).error).toBeNull();
    expect(await (await bucket.download(path)).data!.text()).toBe("three");
  });

  it("reports info and existence", async () => {
    const path = `${owner.userId}/info/sized.txt`;
    const bucket = owner.client.storage.from("files");
    await bucket.upload(path, "12345", { contentType: "text/plain", metadata: { purpose: "test" } });
    const info = await bucket.info(path);
    expect(info.error).toBeNull();
    expect(info.data).toMatchObject({ name: path, bucketId: "files", size: 5, contentType: "text/plain", metadata: { purpose: "test" } });
    expect(await bucket.exists(path)).toMatchObject({ data: true });
    expect(await bucket.exists(`${owner.userId}/info/missing.txt`)).toMatchObject({ data: false });
  });

  it("serves a byte range", async () => {
    const path = `${owner.userId}/range/alphabet.txt`;
    await owner.client.storage.from("files").upload(path, "abcdefghijklmnopqrstuvwxyz", { contentType: "text/plain" });
    const response = await ownerFetch(`/object/authenticated/files/${path}`, { headers: { range: "bytes=2-5" } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe("bytes 2-5/26");
    expect(await response.text()).toBe("cdef");
  });
});

describe("list", () => {
  it("lists one level with folders as entries without an id, then inside a folder", async () => {
    const bucket = owner.client.storage.from("files");
    const root = `${owner.userId}/tree`;
    for (const name of ["docs/a.txt", "docs/b.txt", "img/deep/c.png", "top.txt"]) {
      expect((await bucket.upload(`${root}/${name}`, name, { contentType: "text/plain" })).error).toBeNull();
    }
    const top = await bucket.list(root);
    expect(top.error).toBeNull();
    expect(top.data!.map((entry) => [entry.name, entry.id === null])).toEqual([
      ["docs", true],
      ["img", true],
      ["top.txt", false],
    ]);
    expect(top.data![0]!.metadata).toBeNull();
    expect(top.data![2]!.metadata).toMatchObject({ size: 7, mimetype: "text/plain" });

    const docs = await bucket.list(`${root}/docs`);
    expect(docs.data!.map((entry) => entry.name)).toEqual(["a.txt", "b.txt"]);
    const searched = await bucket.list(`${root}/docs`, { search: "b" });
    expect(searched.data!.map((entry) => entry.name)).toEqual(["b.txt"]);
    const paged = await bucket.list(root, { limit: 1, offset: 1 });
    expect(paged.data!.map((entry) => entry.name)).toEqual(["img"]);
    const reversed = await bucket.list(`${root}/docs`, { sortBy: { column: "name", order: "desc" } });
    expect(reversed.data!.map((entry) => entry.name)).toEqual(["b.txt", "a.txt"]);
  });

  it("rejects an unknown sort column with a 400", async () => {
    const { error } = await owner.client.storage
      .from("files")
      .list(owner.userId, { sortBy: { column: "size", order: "asc" } });
    expect(error).toMatchObject({ status: 400, statusCode: "400" });
    expect(error!.message).toMatch(/sortBy\.column/);
  });
});

describe("remove, move and copy", () => {
  it("removes the row and the file on disk, and prunes the emptied folder", async () => {
    const path = `${owner.userId}/trash/gone.txt`;
    const bucket = owner.client.storage.from("files");
    await bucket.upload(path, "bye", { contentType: "text/plain" });
    expect(existsSync(onDisk("files", path))).toBe(true);
    const { data, error } = await bucket.remove([path]);
    expect(error).toBeNull();
    expect(data!.map((object) => object.name)).toEqual([path]);
    expect(existsSync(onDisk("files", path))).toBe(false);
    expect(existsSync(onDisk("files", `${owner.userId}/trash`))).toBe(false);
    expect((await bucket.download(path)).error).toMatchObject({ statusCode: "404" });
  });

  it("moves the file and its row", async () => {
    const bucket = owner.client.storage.from("files");
    const from = `${owner.userId}/move/from.txt`;
    const to = `${owner.userId}/move/sub/to.txt`;
    await bucket.upload(from, "moving", { contentType: "text/plain" });
    expect((await bucket.move(from, to)).error).toBeNull();
    expect(existsSync(onDisk("files", from))).toBe(false);
    expect(await readFile(onDisk("files", to), "utf8")).toBe("moving");
    expect(await (await bucket.download(to)).data!.text()).toBe("moving");
    expect((await bucket.download(from)).error).toMatchObject({ statusCode: "404" });
  });

  it("copies the file into a new object, also across buckets", async () => {
    const bucket = owner.client.storage.from("files");
    const from = `${owner.userId}/copy/original.txt`;
    await bucket.upload(from, "copied", { contentType: "text/plain" });
    const copy = await bucket.copy(from, `${owner.userId}/copy/duplicate.txt`);
    expect(copy.data).toEqual({ path: `files/${owner.userId}/copy/duplicate.txt` });
    expect(await (await bucket.download(`${owner.userId}/copy/duplicate.txt`)).data!.text()).toBe("copied");
    const across = await bucket.copy(from, `${owner.userId}/copied.txt`, { destinationBucket: "public-files" });
    expect(across.error).toBeNull();
    expect(await readFile(onDisk("public-files", `${owner.userId}/copied.txt`), "utf8")).toBe("copied");
    expect(await (await bucket.download(from)).data!.text()).toBe("copied");
  });
});

describe("signed URLs", () => {
  it("opens the object with the token, then refuses it once expired", async () => {
    const path = `${owner.userId}/signed/report.txt`;
    const bucket = owner.client.storage.from("files");
    await bucket.upload(path, "signed content", { contentType: "text/plain" });
    const { data, error } = await bucket.createSignedUrl(path, 1);
    expect(error).toBeNull();
    const fresh = await fetch(data!.signedUrl);
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toBe("signed content");
    expect(fresh.headers.get("expires")).toBeTruthy();

    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await fetch(data!.signedUrl);
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({ statusCode: "400", error: "InvalidJWT", message: expect.stringMatching(/exp/) });
  });

  it("refuses a token used for another object or tampered with", async () => {
    const bucket = owner.client.storage.from("files");
    await bucket.upload(`${owner.userId}/signed/a.txt`, "a", { contentType: "text/plain" });
    await bucket.upload(`${owner.userId}/signed/b.txt`, "b", { contentType: "text/plain" });
    const { data } = await bucket.createSignedUrl(`${owner.userId}/signed/a.txt`, 60);
    const other = await fetch(data!.signedUrl.replace("/a.txt?", "/b.txt?"));
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: "InvalidSignature" });
    const tampered = await fetch(`${data!.signedUrl.slice(0, -2)}xx`);
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toMatchObject({ error: "InvalidJWT" });
  });

  it("signs several paths at once, with an error for a missing one", async () => {
    const bucket = owner.client.storage.from("files");
    await bucket.upload(`${owner.userId}/many/1.txt`, "1", { contentType: "text/plain" });
    const { data, error } = await bucket.createSignedUrls([`${owner.userId}/many/1.txt`, `${owner.userId}/many/nope.txt`], 60);
    expect(error).toBeNull();
    expect(data![0]!.error).toBeNull();
    expect(await (await fetch(data![0]!.signedUrl!)).text()).toBe("1");
    expect(data![1]).toMatchObject({ signedUrl: null, error: expect.stringMatching(/does not exist/) });
  });

  it("uploads through a signed upload URL, owned by the signer", async () => {
    const path = `${owner.userId}/signed-upload/file.txt`;
    const bucket = owner.client.storage.from("files");
    const signed = await bucket.createSignedUploadUrl(path);
    expect(signed.error).toBeNull();
    const uploaded = await stack.anon().storage.from("files").uploadToSignedUrl(path, signed.data!.token, "via token", {
      contentType: "text/plain",
    });
    expect(uploaded.error).toBeNull();
    expect(await (await bucket.download(path)).data!.text()).toBe("via token");
    const [row] = await stack.db.exclusive(async () =>
      (await stack.db.pg.query<{ owner_id: string }>("select owner_id from storage.objects where name = $1", [path])).rows,
    );
    expect(row!.owner_id).toBe(owner.userId);
  });
});

describe("public buckets", () => {
  it("serves a public bucket's objects with no credentials at all", async () => {
    const path = `${owner.userId}/avatar.txt`;
    expect((await owner.client.storage.from("public-files").upload(path, "public!", { contentType: "text/plain" })).error).toBeNull();
    const { publicUrl } = owner.client.storage.from("public-files").getPublicUrl(path).data;
    const response = await fetch(publicUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("public!");
    const anonymous = await stack.anon().storage.from("public-files").download(path);
    expect(await anonymous.data!.text()).toBe("public!");
    // As storage-api's object GET: a stale or bad token still reads a public bucket.
    const staleToken = await fetch(`${stack.apiUrl}/storage/v1/object/public-files/${path}`, {
      headers: { apikey: stack.keys.anonKey, authorization: "Bearer expired.or.bad" },
    });
    expect(await staleToken.text()).toBe("public!");
  });

  it("does not serve a private bucket through the public route", async () => {
    const path = `${owner.userId}/notes/hello.txt`;
    const response = await fetch(owner.client.storage.from("files").getPublicUrl(path).data.publicUrl);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: "404", error: "Bucket not found" });
  });
});

describe("bucket limits", () => {
  const limited = () => owner.client.storage.from("limited");

  it("refuses a file over file_size_limit with a 413 in Storage's error shape (raw and multipart)", async () => {
    const raw = await limited().upload(`${owner.userId}/big.png`, new Uint8Array(2048), { contentType: "image/png" });
    expect(raw.error).toMatchObject({ status: 400, statusCode: "413" });
    expect(raw.error!.message).toMatch(/exceeded the maximum allowed size/);
    const form = await limited().upload(`${owner.userId}/big2.png`, new Blob([new Uint8Array(4096)], { type: "image/png" }));
    expect(form.error).toMatchObject({ statusCode: "413" });
    expect(existsSync(onDisk("limited", `${owner.userId}/big.png`))).toBe(false);
  });

  it("accepts a file of exactly the limit", async () => {
    const { error } = await limited().upload(`${owner.userId}/exact.png`, new Uint8Array(1024), { contentType: "image/png" });
    expect(error).toBeNull();
  });

  it("refuses a type outside allowed_mime_types with a 415 naming it, and accepts a wildcard match", async () => {
    const { error } = await limited().upload(`${owner.userId}/doc.pdf`, "%PDF", { contentType: "application/pdf" });
    expect(error).toMatchObject({ status: 400, statusCode: "415", message: "mime type application/pdf is not supported" });
    expect((await limited().upload(`${owner.userId}/ok.csv`, "a,b", { contentType: "text/csv" })).error).toBeNull();
  });

  it("validates limits when a bucket is created", async () => {
    const service = stack.service().storage;
    const badMime = await service.createBucket("bad-mime", { public: false, allowedMimeTypes: ["not a type"] });
    expect(badMime.error).toMatchObject({ statusCode: "415" });
    const badSize = await service.createBucket("bad-size", { public: false, fileSizeLimit: "lots" });
    expect(badSize.error).toMatchObject({ statusCode: "400" });
    expect(badSize.error!.message).toMatch(/file size/i);
    expect((await service.createBucket("sized", { public: false, fileSizeLimit: "1KB" })).error).toBeNull();
    expect((await service.getBucket("sized")).data).toMatchObject({ file_size_limit: 1000 });
  });
});

describe("concurrency", () => {
  it("serves parallel uploads, downloads and REST requests on the one database connection", async () => {
    const bucket = owner.client.storage.from("files");
    const names = Array.from({ length: 30 }, (_, i) => `${owner.userId}/parallel/${i}.txt`);
    const results = await Promise.all([
      ...names.map((name) => bucket.upload(name, name, { contentType: "text/plain" }).then((r) => r.error)),
      ...names.map(() => owner.client.from("projects").select("id").then((r) => r.error)),
    ]);
    expect(results.filter(Boolean)).toEqual([]);
    const texts = await Promise.all(names.map(async (name) => (await bucket.download(name)).data!.text()));
    expect(texts).toEqual(names);
    expect((await bucket.list(`${owner.userId}/parallel`, { limit: 100 })).data).toHaveLength(30);
  });
});

describe("path safety", () => {
  const storageRoot = () => join(stack.config.dataDir, "storage");

  it("refuses keys that climb out of the bucket, are absolute or hold NUL (raw requests)", async () => {
    for (const key of ["..%2F..%2Fescape.txt", `${owner.userId}%2F..%2F..%2Fescape.txt`, "%2Fetc%2Fescape.txt", `${owner.userId}%2Fa%00b.txt`]) {
      const response = await ownerFetch(`/object/files/${key}`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: "escape",
      });
      expect(response.status, key).toBe(400);
      expect(await response.json(), key).toMatchObject({ statusCode: "400", error: "InvalidKey" });
      const read = await ownerFetch(`/object/authenticated/files/${key}`);
      expect(read.status, key).toBe(400);
    }
    expect(existsSync(join(stack.config.dataDir, "escape.txt"))).toBe(false);
    expect(existsSync(join(storageRoot(), "escape.txt"))).toBe(false);
  });

  it("refuses move and copy destinations outside the bucket", async () => {
    const bucket = owner.client.storage.from("files");
    const path = `${owner.userId}/safe.txt`;
    await bucket.upload(path, "safe", { contentType: "text/plain" });
    const moved = await bucket.move(path, "../../escape.txt");
    expect(moved.error).toMatchObject({ statusCode: "400" });
    expect(moved.error!.message).toMatch(/Invalid key/);
    const copied = await bucket.copy(path, `${owner.userId}/../../../escape.txt`);
    expect(copied.error).toMatchObject({ statusCode: "400" });
    expect(existsSync(join(stack.config.dataDir, "escape.txt"))).toBe(false);
    expect(await readdir(storageRoot())).not.toContain("escape.txt");
    expect(await (await bucket.download(path)).data!.text()).toBe("safe");
  });

  it("refuses bucket names that are path segments", async () => {
    const { error } = await stack.service().storage.createBucket("..", { public: true });
    expect(error).toMatchObject({ statusCode: "400" });
    expect(error!.message).toMatch(/Bucket name invalid/);
  });

  it("answers malformed bodies and unknown routes with 4xx JSON, not 500", async () => {
    const badJson = await ownerFetch("/object/list/files", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ statusCode: "400", message: "Body is not valid JSON" });
    const badEscape = await ownerFetch("/object/authenticated/files/%E0%A4%A");
    expect(badEscape.status).toBe(400);
    const unknown = await ownerFetch("/nothing/here");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ statusCode: "404" });
  });
});
