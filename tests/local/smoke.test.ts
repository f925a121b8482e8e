import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestStack, type TestStack } from "./stack.ts";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

it("signs up, writes and reads back a project through supabase-js", async () => {
  const { client, userId } = await stack.signUp();
  const { data, error } = await client.from("projects").insert({ user_id: userId, title: "Dog CRM", mode: "builder" }).select().single();
  expect(error).toBeNull();
  expect(data).toMatchObject({ title: "Dog CRM", status: "planning" });
  expect(data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
});

it("serves the functions' OpenAPI document at /openapi.json, as docs/openapi.json has it", async () => {
  const response = await fetch(`${stack.apiUrl}/openapi.json`);
  expect(response.status).toBe(200);
  const served = await response.json();
  expect(served).toMatchObject({ openapi: "3.1.0", paths: { "/run-pipeline": { post: expect.any(Object) } } });
  const { readFile } = await import("node:fs/promises");
  expect(served).toEqual(JSON.parse(await readFile(new URL("../../docs/openapi.json", import.meta.url), "utf8")));
});
