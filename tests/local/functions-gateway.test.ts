/** @module /functions/v1 as the platform: routing, verify_jwt, forwarding, config.toml, environment, crashes and boot failures. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FunctionsHttpError } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secretBytes } from "../../local/keys.ts";
import { startFunctionsStack } from "./functions-harness.ts";
import type { TestStack } from "./stack.ts";

let stack: TestStack;
let flagDir: string;
let flagFile: string;

beforeAll(async () => {
  flagDir = await mkdtemp(join(tmpdir(), "codeforge-functions-"));
  flagFile = join(flagDir, "flaky-boot");
  await writeFile(flagFile, "ok");
  stack = await startFunctionsStack({ env: { FIXTURE_OPTION: "from-options", FLAKY_BOOT_FILE: flagFile } });
});
afterAll(async () => {
  await stack?.close();
  await rm(flagDir, { recursive: true, force: true });
});

const url = (path: string) => `${stack.apiUrl}/functions/v1/${path}`;
const asAnon = () => ({ apikey: stack.keys.anonKey, authorization: `Bearer ${stack.keys.anonKey}` });

async function signed(claims: Record<string, unknown>, { secret = stack.keys.jwtSecret, expiresIn = 3600 } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now - 7200)
    .setExpirationTime(now + expiresIn)
    .sign(secretBytes(secret));
}

describe("routing and forwarding", () => {
  it("invokes a function through supabase-js with the caller's JWT, body and headers", async () => {
    const { client, accessToken } = await stack.signUp();
    const { data, error } = await client.functions.invoke("echo", { body: { idea: "dog CRM" }, headers: { "x-custom": "yes" } });
    expect(error).toBeNull();
    expect(data).toMatchObject({ method: "POST", path: "/echo", body: JSON.stringify({ idea: "dog CRM" }) });
    expect(data.headers).toMatchObject({ authorization: `Bearer ${accessToken}`, apikey: stack.keys.anonKey, "x-custom": "yes" });
    expect(data.headers["content-type"]).toMatch(/^application\/json/);
  });

  it("passes sub-paths, query strings and methods through with the full path", async () => {
    const response = await fetch(url("echo/projects/42/files?path=src%2Fapp.tsx&v=2"), { method: "PATCH", headers: asAnon(), body: "patched" });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-echo")).toBe("1");
    expect(await response.json()).toMatchObject({
      method: "PATCH",
      path: "/echo/projects/42/files",
      search: "?path=src%2Fapp.tsx&v=2",
      body: "patched",
    });
  });

  it("adds no CORS of its own: a preflight reaches the function, which answers it", async () => {
    const preflight = await fetch(url("echo"), {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(200);
    expect(await preflight.text()).toBe("ok");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization, x-client-info, apikey, content-type");
    expect(preflight.headers.get("access-control-allow-methods")).toBeNull(); // the gateway's CORS would set it
  });

  it("answers 404 JSON for an unknown function, a _shared folder and a disabled function", async () => {
    for (const name of ["no-such-function", "_shared", "disabled", "..%2Fecho"]) {
      const response = await fetch(url(name), { headers: asAnon() });
      expect(response.status, name).toBe(404);
      expect(await response.json()).toEqual({ code: "NOT_FOUND", message: "Requested function was not found" });
    }
    const { error } = await stack.anon().functions.invoke("no-such-function");
    expect(error).toBeInstanceOf(FunctionsHttpError);
    expect((error as FunctionsHttpError).context.status).toBe(404);
  });

  it("serves a module that exports default { fetch } instead of calling Deno.serve()", async () => {
    const response = await fetch(url("default-export/x"), { headers: asAnon() });
    expect(await response.json()).toEqual({ shape: "default export", path: "/default-export/x" });
  });

  it("runs the entrypoint config.toml names", async () => {
    const response = await fetch(url("alias"), { headers: asAnon() });
    expect(await response.json()).toMatchObject({ path: "/alias", method: "GET" });
  });

  it("gives functions SUPABASE_URL, the project keys, .env values and options, but not SUPABASE_* from .env or its own plumbing", async () => {
    const { data } = await stack.anon().functions.invoke("echo", { method: "GET" });
    expect(data.env).toEqual({
      SUPABASE_URL: stack.apiUrl,
      SUPABASE_ANON_KEY: stack.keys.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: stack.keys.serviceRoleKey,
      FIXTURE_OPTION: "from-options",
      FIXTURE_ENV_FILE: "from-env-file",
      CODEFORGE_FUNCTION_TOKEN: null,
    });
    expect(data.edgeRuntime).toBe("object");
  });
});

describe("verify_jwt", () => {
  async function expect401(headers: Record<string, string>, message: string) {
    const response = await fetch(url("echo"), { method: "POST", headers, body: "{}" });
    expect(response.status).toBe(401);
    expect(response.headers.get("x-echo")).toBeNull(); // the function never ran
    expect(await response.json()).toMatchObject({ code: 401, message });
  }

  it("rejects a request without an Authorization bearer", async () => {
    await expect401({ apikey: stack.keys.anonKey }, "Missing authorization header");
  });

  it("rejects a bearer that is not a JWT, or is signed with another secret", async () => {
    await expect401({ apikey: stack.keys.anonKey, authorization: "Bearer not-a-jwt" }, "Invalid JWT");
    const forged = await signed({ role: "authenticated", sub: crypto.randomUUID() }, { secret: "another-project-secret-of-32-bytes!" });
    await expect401({ apikey: stack.keys.anonKey, authorization: `Bearer ${forged}` }, "Invalid JWT");
  });

  it("rejects an expired JWT", async () => {
    const expired = await signed({ role: "authenticated", sub: crypto.randomUUID() }, { expiresIn: -60 });
    await expect401({ apikey: stack.keys.anonKey, authorization: `Bearer ${expired}` }, "JWT expired");
  });

  it("rejects the opaque sb_ keys as a bearer, as Supabase does, and says what to do instead", async () => {
    const response = await fetch(url("echo"), {
      headers: { apikey: stack.keys.publishableKey, authorization: `Bearer ${stack.keys.publishableKey}` },
    });
    expect(response.status).toBe(401);
    expect((await response.json()).hint).toMatch(/apikey header|verify_jwt = false/);
  });

  it("requires a project apikey next to the JWT", async () => {
    const { accessToken } = await stack.signUp();
    await expect401({ authorization: `Bearer ${accessToken}` }, "No API key found in request");
    await expect401({ apikey: "sb_publishable_not-this-project", authorization: `Bearer ${accessToken}` }, "Invalid API key");
  });

  it("accepts a user's session, the legacy anon and service_role keys, and an sb_ apikey beside a JWT", async () => {
    const { accessToken } = await stack.signUp();
    const bearers = [accessToken, stack.keys.anonKey, stack.keys.serviceRoleKey];
    for (const bearer of bearers) {
      const response = await fetch(url("echo"), { headers: { apikey: stack.keys.publishableKey, authorization: `Bearer ${bearer}` } });
      expect(response.status).toBe(200);
    }
  });

  it("lets anyone call a function with verify_jwt = false in config.toml", async () => {
    const response = await fetch(url("public-hook"), { method: "POST", body: "{}" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, authorization: null });
  });
});

describe("failures", () => {
  it("turns a handler that throws into a 500 JSON and keeps serving", async () => {
    const thrown = await fetch(url("crash?mode=throw"), { headers: asAnon() });
    expect(thrown.status).toBe(500);
    expect(await thrown.json()).toMatchObject({ code: "WORKER_ERROR", details: "fixture: handler threw on purpose" });
    const next = await fetch(url("crash"), { headers: asAnon() });
    expect(next.status).toBe(200);
  });

  it("answers 500 JSON when the function's process dies mid-request, and the next request starts it again", async () => {
    const before = (await (await fetch(url("crash"), { headers: asAnon() })).json()) as { pid: number };
    const died = await fetch(url("crash?mode=exit"), { headers: asAnon() });
    expect(died.status).toBe(500);
    const body = await died.json();
    expect(body.code).toBe("WORKER_ERROR");
    expect(body.details).toContain("fixture: exiting on purpose");
    const after = await fetch(url("crash"), { headers: asAnon() });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { pid: number }).pid).not.toBe(before.pid);
  });

  it("answers 503 BOOT_ERROR with the reason when a function fails to boot, and boots it once fixed", async () => {
    await writeFile(flagFile, "fail");
    const failed = await fetch(url("flaky-boot"), { headers: asAnon() });
    expect(failed.status).toBe(503);
    const body = await failed.json();
    expect(body).toMatchObject({ code: "BOOT_ERROR", message: "Worker failed to boot (please check logs)" });
    expect(body.details).toContain("fixture: boot failure on purpose");

    await writeFile(flagFile, "ok");
    const fixed = await fetch(url("flaky-boot"), { headers: asAnon() });
    expect(fixed.status).toBe(200);
    expect(await fixed.json()).toEqual({ booted: true });
  });

  it("fails to boot, without hanging, a module that never calls Deno.serve()", async () => {
    const response = await fetch(url("no-serve"), { headers: asAnon() });
    expect(response.status).toBe(503);
    expect((await response.json()).details).toContain("never called Deno.serve");
  });
});
