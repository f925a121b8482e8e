/**
 * /auth/v1 against GoTrue's documented answers for what supabase-js and the dashboard call:
 * error codes and statuses of sign-up, sign-in, refresh and updateUser, sign-out scopes, and the
 * admin users API (weak passwords, duplicates, pagination headers). Source: github.com/supabase/auth
 * (internal/api/password.go, internal/tokens/service.go, internal/api/pagination.go).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restAndAuth } from "../../local/rest/index.ts";
import { startTestStack, type TestStack } from "./stack.ts";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([restAndAuth]);
});
afterAll(() => stack?.close());

const PASSWORD = "correct-horse-battery";

async function auth(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const response = await fetch(`${stack.apiUrl}/auth/v1/${path}`, {
    method: init.method ?? "POST",
    headers: { apikey: stack.keys.anonKey, authorization: `Bearer ${init.token ?? stack.keys.anonKey}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe("error codes", () => {
  it("sign-up: weak_password 422 with reasons, user_already_exists 422, validation_failed 400 for a bad email", async () => {
    const weak = await stack.anon().auth.signUp({ email: `${randomUUID()}@example.test`, password: "12345" });
    expect(weak.error).toMatchObject({ status: 422, code: "weak_password", name: "AuthWeakPasswordError", reasons: ["length"] });
    const { email } = await stack.signUp();
    const again = await stack.anon().auth.signUp({ email, password: PASSWORD });
    expect(again.error).toMatchObject({ status: 422, code: "user_already_exists" });
    const bad = await stack.anon().auth.signUp({ email: "not-an-email", password: PASSWORD });
    expect(bad.error).toMatchObject({ status: 400, code: "validation_failed" });
  });

  it("sign-in: invalid_credentials 400 for a wrong password and for an unknown email alike", async () => {
    const { email } = await stack.signUp();
    for (const credentials of [{ email, password: "wrong-password" }, { email: `${randomUUID()}@example.test`, password: PASSWORD }]) {
      const { error } = await stack.anon().auth.signInWithPassword(credentials);
      expect(error).toMatchObject({ status: 400, code: "invalid_credentials", message: "Invalid login credentials" });
    }
  });

  it("refresh: refresh_token_not_found 400 for a token that was never issued, malformed or not", async () => {
    for (const refresh_token of ["nope", "abcdefghijkl", randomUUID()]) {
      const answer = await auth("token?grant_type=refresh_token", { body: { refresh_token } });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error_code: "refresh_token_not_found", msg: "Invalid Refresh Token: Refresh Token Not Found" });
    }
  });

  it("updateUser: weak_password 422 and same_password 422", async () => {
    const { client } = await stack.signUp();
    expect((await client.auth.updateUser({ password: "1" })).error).toMatchObject({ status: 422, code: "weak_password" });
    expect((await client.auth.updateUser({ password: PASSWORD })).error).toMatchObject({ status: 422, code: "same_password" });
  });
});

describe("sign-out scopes", () => {
  it("others ends every other session, local only this one, global all; a JWT of an ended session is 403 session_not_found", async () => {
    const { email, client: first } = await stack.signUp();
    const sessions = [];
    for (let i = 0; i < 2; i++) {
      const client = stack.anon();
      const { data } = await client.auth.signInWithPassword({ email, password: PASSWORD });
      sessions.push({ client, session: data.session! });
    }
    const [kept, other] = sessions;
    expect((await kept!.client.auth.signOut({ scope: "others" })).error).toBeNull();
    const refreshOther = await auth("token?grant_type=refresh_token", { body: { refresh_token: other!.session.refresh_token } });
    expect(refreshOther.body.error_code).toBe("refresh_token_not_found");
    const ended = await auth("user", { method: "GET", token: other!.session.access_token });
    expect(ended.status).toBe(403);
    expect(ended.body.error_code).toBe("session_not_found");
    expect((await auth("user", { method: "GET", token: kept!.session.access_token })).status).toBe(200);
    expect((await first.auth.getUser()).error).not.toBeNull();

    const again = stack.anon();
    const { data } = await again.auth.signInWithPassword({ email, password: PASSWORD });
    expect((await kept!.client.auth.signOut({ scope: "local" })).error).toBeNull();
    expect((await auth("user", { method: "GET", token: kept!.session.access_token })).status).toBe(403);
    expect((await auth("user", { method: "GET", token: data.session!.access_token })).status).toBe(200);

    const { data: third } = await stack.anon().auth.signInWithPassword({ email, password: PASSWORD });
    expect((await again.auth.signOut()).error).toBeNull();
    expect((await auth("user", { method: "GET", token: third.session!.access_token })).status).toBe(403);
  });
});

describe("admin users API", () => {
  it("answers weak_password 422, email_exists 422 and user_not_found 404 as GoTrue does", async () => {
    const admin = stack.service().auth.admin;
    const weak = await admin.createUser({ email: `${randomUUID()}@example.test`, password: "1" });
    expect(weak.error).toMatchObject({ status: 422, code: "weak_password" });
    const { email, userId } = await stack.signUp();
    expect((await admin.createUser({ email, password: PASSWORD })).error).toMatchObject({ status: 422, code: "email_exists" });
    expect((await admin.updateUserById(userId, { password: "2" })).error).toMatchObject({ status: 422, code: "weak_password" });
    const missing = await admin.getUserById(randomUUID());
    expect(missing.error).toMatchObject({ status: 404, code: "user_not_found" });
  });

  it("pages users with GoTrue's Link and X-Total-Count headers, which supabase-js turns into nextPage, lastPage and total", async () => {
    await stack.signUp();
    await stack.signUp();
    const total = (await stack.db.exclusive(() => stack.db.pg.query<{ n: number }>("select count(*)::int as n from auth.users"))).rows[0]!.n;
    const first = await stack.service().auth.admin.listUsers({ page: 1, perPage: 1 });
    expect(first.error).toBeNull();
    expect(first.data).toMatchObject({ total, nextPage: 2, lastPage: total });
    expect(first.data.users).toHaveLength(1);
    const raw = await fetch(`${stack.apiUrl}/auth/v1/admin/users?per_page=1&page=${total}`, {
      headers: { apikey: stack.keys.serviceRoleKey, authorization: `Bearer ${stack.keys.serviceRoleKey}` },
    });
    expect(raw.headers.get("x-total-count")).toBe(String(total));
    expect(raw.headers.get("link")).toBe(`</admin/users?page=${total}&per_page=1>; rel="last"`);
  });
});
