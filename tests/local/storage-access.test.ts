import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPlugins } from "../../local/server.ts";
import { storage } from "../../local/storage/index.ts";
import { startTestStack, type TestStack } from "./stack.ts";

type User = { client: SupabaseClient; userId: string; accessToken: string };
let stack: TestStack;
let owner: User;
let intruder: User;

const OWNER_ONLY = "bucket_id = 'vault' and (storage.foldername(name))[1] = auth.uid()::text";
const SETUP_SQL = `
  insert into storage.buckets (id, name) values ('vault', 'vault');
  create policy "Owners can read their files" on storage.objects for select to authenticated using (${OWNER_ONLY});
  create policy "Owners can upload into their folder" on storage.objects for insert to authenticated with check (${OWNER_ONLY});
  create policy "Owners can update their files" on storage.objects for update to authenticated using (${OWNER_ONLY}) with check (${OWNER_ONLY});
  create policy "Owners can delete their files" on storage.objects for delete to authenticated using (${OWNER_ONLY});
`;

beforeAll(async () => {
  // Once the lead registers storage in defaultPlugins, this stays a single instance.
  stack = await startTestStack(defaultPlugins.some((plugin) => plugin.name === storage.name) ? defaultPlugins : [...defaultPlugins, storage]);
  await stack.db.exclusive(() => stack.db.pg.exec(SETUP_SQL));
  [owner, intruder] = await Promise.all([stack.signUp(), stack.signUp()]);
  const { error } = await owner.client.storage.from("vault").upload(`${owner.userId}/secret.txt`, "owner's secret", {
    contentType: "text/plain",
  });
  if (error) throw error;
});
afterAll(() => stack?.close());

const secret = () => `${owner.userId}/secret.txt`;
const onDisk = (name: string) => join(stack.config.dataDir, "storage", "vault", name);
const ownerStillHasSecret = async () => {
  expect(await readFile(onDisk(secret()), "utf8")).toBe("owner's secret");
  expect(await (await owner.client.storage.from("vault").download(secret())).data!.text()).toBe("owner's secret");
};

describe.each([
  ["another signed-in user", () => intruder.client],
  ["anon", () => stack.anon()],
])("%s", (_, clientOf) => {
  const vault = () => clientOf().storage.from("vault");

  it("cannot list the owner's folder", async () => {
    const { data, error } = await vault().list(owner.userId);
    expect(error).toBeNull();
    expect(data).toEqual([]);
  });

  it("cannot read the object, its info, or sign a URL for it", async () => {
    expect((await vault().download(secret())).error).toMatchObject({ statusCode: "404" });
    expect((await vault().info(secret())).error).toMatchObject({ statusCode: "404" });
    expect((await vault().createSignedUrl(secret(), 60)).error).toMatchObject({ statusCode: "404" });
    expect(await vault().exists(secret())).toMatchObject({ data: false });
  });

  it("cannot overwrite it by upload, upsert or update", async () => {
    const upload = await vault().upload(secret(), "pwned", { contentType: "text/plain" });
    expect(upload.error).toMatchObject({ statusCode: "403", message: "new row violates row-level security policy" });
    expect((await vault().upload(secret(), "pwned", { contentType: "text/plain", upsert: true })).error).toMatchObject({
      statusCode: "403",
    });
    expect((await vault().update(secret(), "pwned", { contentType: "text/plain" })).error).toMatchObject({ statusCode: "403" });
    await ownerStillHasSecret();
  });

  it("cannot write into the owner's folder at all", async () => {
    const { error } = await vault().upload(`${owner.userId}/planted.txt`, "planted", { contentType: "text/plain" });
    expect(error).toMatchObject({ statusCode: "403" });
    expect(existsSync(onDisk(`${owner.userId}/planted.txt`))).toBe(false);
  });

  it("cannot delete, move or copy it", async () => {
    const removed = await vault().remove([secret()]);
    expect(removed).toMatchObject({ data: [], error: null });
    expect((await vault().move(secret(), `${owner.userId}/moved.txt`)).error).toMatchObject({ statusCode: "404" });
    expect((await vault().copy(secret(), `${owner.userId}/copy.txt`)).error).toMatchObject({ statusCode: "404" });
    const single = await fetch(`${stack.apiUrl}/storage/v1/object/vault/${secret()}`, {
      method: "DELETE",
      headers: { apikey: stack.keys.anonKey },
    });
    expect(single.status).toBe(400);
    expect(await single.json()).toMatchObject({ statusCode: "403" });
    await ownerStillHasSecret();
  });
});

describe("the owner", () => {
  it("can do everything the policies allow in their own folder", async () => {
    const vault = owner.client.storage.from("vault");
    const path = `${owner.userId}/own/file.txt`;
    expect((await vault.upload(path, "v1", { contentType: "text/plain" })).error).toBeNull();
    expect((await vault.upload(path, "v2", { contentType: "text/plain", upsert: true })).error).toBeNull();
    expect((await vault.list(`${owner.userId}/own`)).data!.map((entry) => entry.name)).toEqual(["file.txt"]);
    expect((await vault.move(path, `${owner.userId}/own/renamed.txt`)).error).toBeNull();
    expect((await vault.remove([`${owner.userId}/own/renamed.txt`])).data).toHaveLength(1);
  });

  it("cannot move a file out of their folder (the update policy checks the new name)", async () => {
    const vault = owner.client.storage.from("vault");
    const path = `${owner.userId}/stay.txt`;
    await vault.upload(path, "stay", { contentType: "text/plain" });
    const { error } = await vault.move(path, `${intruder.userId}/stolen.txt`);
    expect(error).toMatchObject({ statusCode: "403" });
    expect(existsSync(onDisk(path))).toBe(true);
  });

  it("records their id as the object's owner", async () => {
    const [row] = await stack.db.exclusive(async () =>
      (await stack.db.pg.query<{ owner: string; owner_id: string }>(
        "select owner, owner_id from storage.objects where bucket_id = 'vault' and name = $1",
        [secret()],
      )).rows,
    );
    expect(row).toEqual({ owner: owner.userId, owner_id: owner.userId });
  });
});

describe("buckets", () => {
  it("lets a signed-in user neither create nor see buckets without policies on storage.buckets", async () => {
    const created = await owner.client.storage.createBucket("mine", { public: false });
    expect(created.error).toMatchObject({ statusCode: "403" });
    expect((await owner.client.storage.listBuckets()).data).toEqual([]);
    expect((await owner.client.storage.getBucket("vault")).error).toMatchObject({ statusCode: "404" });
    expect((await owner.client.storage.emptyBucket("vault")).error).toMatchObject({ statusCode: "404" });
    // As on Supabase, emptiness is checked before RLS: a non-empty bucket answers 409, an empty one 404.
    expect((await owner.client.storage.deleteBucket("vault")).error).toMatchObject({ statusCode: "409" });
    await stack.service().storage.createBucket("empty-one", { public: false });
    expect((await owner.client.storage.deleteBucket("empty-one")).error).toMatchObject({ statusCode: "404" });
    expect((await stack.service().storage.getBucket("empty-one")).data).toMatchObject({ id: "empty-one" });
    await ownerStillHasSecret();
  });

  it("lets the service role create, update, list, empty and delete buckets", async () => {
    const service = stack.service();
    expect((await service.storage.createBucket("scratch", { public: true, fileSizeLimit: 100 })).data).toEqual({ name: "scratch" });
    expect((await service.storage.createBucket("scratch", { public: true })).error).toMatchObject({ statusCode: "409" });
    expect((await service.storage.updateBucket("scratch", { public: false, allowedMimeTypes: ["text/plain"] })).error).toBeNull();
    expect((await service.storage.getBucket("scratch")).data).toMatchObject({
      id: "scratch",
      public: false,
      file_size_limit: 100,
      allowed_mime_types: ["text/plain"],
    });
    expect((await service.storage.listBuckets()).data!.map((bucket) => bucket.id)).toEqual(expect.arrayContaining(["scratch", "vault"]));
    expect((await service.storage.from("scratch").upload("a/b.txt", "x", { contentType: "text/plain" })).error).toBeNull();
    expect((await service.storage.deleteBucket("scratch")).error).toMatchObject({ statusCode: "409" });
    expect((await service.storage.emptyBucket("scratch")).error).toBeNull();
    expect(existsSync(join(stack.config.dataDir, "storage", "scratch", "a", "b.txt"))).toBe(false);
    expect((await service.storage.deleteBucket("scratch")).error).toBeNull();
    expect((await service.storage.getBucket("scratch")).error).toMatchObject({ statusCode: "404" });
  });

  it("refuses a bad API key or token with a 401", async () => {
    const response = await fetch(`${stack.apiUrl}/storage/v1/bucket`, {
      headers: { apikey: stack.keys.anonKey, authorization: "Bearer not-a-jwt" },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ statusCode: "401", message: "Invalid JWT" });
  });
});

describe("RLS is what decides", () => {
  it("hides the owner's own file once the select policy is gone, and shows it again when restored", async () => {
    const run = (sql: string) => stack.db.exclusive(() => stack.db.pg.exec(sql));
    await run(`drop policy "Owners can read their files" on storage.objects`);
    try {
      expect((await owner.client.storage.from("vault").download(secret())).error).toMatchObject({ statusCode: "404" });
      expect((await owner.client.storage.from("vault").list(owner.userId)).data).toEqual([]);
    } finally {
      await run(`create policy "Owners can read their files" on storage.objects for select to authenticated using (${OWNER_ONLY})`);
    }
    await ownerStillHasSecret();
  });

  it("blocks a direct DELETE on storage tables outside the Storage API, as Supabase does", async () => {
    await expect(stack.db.exclusive(() => stack.db.pg.exec("delete from storage.objects"))).rejects.toThrow(
      /Direct deletion from storage tables is not allowed/,
    );
    await ownerStillHasSecret();
  });
});
