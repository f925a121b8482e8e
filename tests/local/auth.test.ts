import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt, SignJWT } from "jose";
import { startTestStack, type TestStack } from "./stack.ts";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const PASSWORD = "correct-horse-battery";

function restAs(token: string) {
  return fetch(`${stack.apiUrl}/rest/v1/projects?select=title`, {
    headers: { apikey: stack.keys.anonKey, authorization: `Bearer ${token}` },
  });
}

describe("sign-up and sign-in", () => {
  it("signs up with a session at once (email confirmation off) and the JWT claims Supabase issues", async () => {
    const { accessToken, userId, email } = await stack.signUp();
    const claims = decodeJwt(accessToken);
    expect(claims).toMatchObject({ sub: userId, role: "authenticated", email, aud: "authenticated" });
    expect(claims.session_id).toEqual(expect.any(String));
    expect(claims.exp! - Math.floor(Date.now() / 1000)).toBeGreaterThan(3000);
  });

  it("creates the profile row for the new user", async () => {
    const { client, userId } = await stack.signUp();
    const { data } = await client.from("profiles").select("id").eq("id", userId).single();
    expect(data).toEqual({ id: userId });
  });

  it("signs in with the password and refuses a wrong one", async () => {
    const { email } = await stack.signUp();
    const ok = await stack.anon().auth.signInWithPassword({ email, password: PASSWORD });
    expect(ok.error).toBeNull();
    expect(ok.data.session?.access_token).toBeTruthy();
    const bad = await stack.anon().auth.signInWithPassword({ email, password: "wrong-password" });
    expect(bad.error?.status).toBe(400);
    expect(bad.data.session).toBeNull();
  });

  it("refuses a second sign-up with the same email", async () => {
    const { email } = await stack.signUp();
    const again = await stack.anon().auth.signUp({ email, password: PASSWORD });
    expect(again.data.session).toBeNull();
  });

  it("stores the password hashed with bcrypt", async () => {
    const { userId } = await stack.signUp();
    const { rows } = await stack.db.exclusive(() =>
      stack.db.pg.query<{ encrypted_password: string }>("select encrypted_password from auth.users where id = $1", [userId]),
    );
    expect(rows[0]!.encrypted_password).toMatch(/^\$2[aby]\$\d\d\$/);
  });
});

describe("sessions", () => {
  it("rotates the refresh token and refuses a used one", async () => {
    const { client } = await stack.signUp();
    const first = (await client.auth.getSession()).data.session!;
    const refreshed = await client.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    expect(refreshed.data.session!.refresh_token).not.toBe(first.refresh_token);

    const reused = await stack.anon().auth.refreshSession({ refresh_token: first.refresh_token });
    expect(reused.error).not.toBeNull();
    expect(reused.data.session).toBeNull();
  });

  it("gets and updates the user", async () => {
    const { client, userId } = await stack.signUp();
    const { data } = await client.auth.getUser();
    expect(data.user?.id).toBe(userId);
    const updated = await client.auth.updateUser({ data: { full_name: "Ann Walker" } });
    expect(updated.data.user?.user_metadata).toMatchObject({ full_name: "Ann Walker" });
  });

  it("signs out: the refresh token stops working", async () => {
    const { client } = await stack.signUp();
    const { refresh_token } = (await client.auth.getSession()).data.session!;
    expect((await client.auth.signOut()).error).toBeNull();
    const after = await stack.anon().auth.refreshSession({ refresh_token });
    expect(after.error).not.toBeNull();
  });
});

describe("tokens", () => {
  it("refuses an expired token with 401", async () => {
    const { userId } = await stack.signUp();
    const expired = await new SignJWT({ sub: userId, role: "authenticated", aud: "authenticated" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(stack.keys.jwtSecret));
    expect((await restAs(expired)).status).toBe(401);
  });

  it("refuses a tampered token with 401", async () => {
    const { accessToken } = await stack.signUp();
    const [header, payload, signature] = accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: "service_role" })).toString("base64url");
    expect((await restAs(`${header}.${forged}.${signature}`)).status).toBe(401);
  });

  it("refuses a token signed with another secret", async () => {
    const foreign = await new SignJWT({ sub: randomUUID(), role: "authenticated" })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("another-secret-another-secret-xx"));
    expect((await restAs(foreign)).status).toBe(401);
  });
});

describe("admin API (service role)", () => {
  it("creates, reads, lists, updates and deletes users", async () => {
    const admin = stack.service().auth.admin;
    const email = `${randomUUID()}@example.test`;
    const created = await admin.createUser({ email, password: PASSWORD, email_confirm: true, user_metadata: { full_name: "Bo" } });
    expect(created.error).toBeNull();
    const id = created.data.user!.id;

    expect((await admin.getUserById(id)).data.user?.email).toBe(email);
    const listed = await admin.listUsers({ page: 1, perPage: 1000 });
    expect(listed.data.users.map((user) => user.id)).toContain(id);

    const updated = await admin.updateUserById(id, { user_metadata: { full_name: "Bo Walker" } });
    expect(updated.data.user?.user_metadata).toMatchObject({ full_name: "Bo Walker" });

    const signIn = await stack.anon().auth.signInWithPassword({ email, password: PASSWORD });
    expect(signIn.error).toBeNull();

    expect((await admin.deleteUser(id)).error).toBeNull();
    expect((await admin.getUserById(id)).error).not.toBeNull();
  });

  it("refuses the admin API to a signed-in user and to anon", async () => {
    const { client } = await stack.signUp();
    expect((await client.auth.admin.listUsers()).error).not.toBeNull();
    expect((await stack.anon().auth.admin.listUsers()).error).not.toBeNull();
  });
});
