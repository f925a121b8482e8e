/** @module GoTrue's admin user API (/auth/v1/admin/users), which @supabase/lite does not serve. */
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { z } from "zod";
import type { Transaction } from "@electric-sql/pglite";
import type { LocalDatabase } from "../db/index.ts";
import type { ProjectKeys } from "../keys.ts";
import { credentialsOf, identify } from "./identity.ts";

const goTrueError = (status: number, errorCode: string, msg: string) =>
  Response.json({ code: status, error_code: errorCode, msg }, { status });

const metadata = z.record(z.string(), z.unknown());
const createUser = z.object({
  email: z.email(),
  password: z.string().optional(),
  email_confirm: z.boolean().optional(),
  user_metadata: metadata.optional(),
  app_metadata: metadata.optional(),
  phone: z.string().optional(),
});
const updateUser = createUser.partial().extend({ ban_duration: z.string().optional() });

const USER_JSON = `
  select json_build_object(
    'id', u.id, 'aud', u.aud, 'role', u.role, 'email', u.email, 'phone', coalesce(u.phone, ''),
    'email_confirmed_at', u.email_confirmed_at, 'confirmed_at', u.confirmed_at,
    'last_sign_in_at', u.last_sign_in_at, 'banned_until', u.banned_until,
    'app_metadata', u.raw_app_meta_data, 'user_metadata', u.raw_user_meta_data,
    'identities', coalesce((
      select json_agg(json_build_object(
        'identity_id', i.id, 'id', i.provider_id, 'user_id', i.user_id, 'identity_data', i.identity_data,
        'provider', i.provider, 'email', i.email, 'last_sign_in_at', i.last_sign_in_at,
        'created_at', i.created_at, 'updated_at', i.updated_at))
      from auth.identities i where i.user_id = u.id), '[]'::json),
    'created_at', u.created_at, 'updated_at', u.updated_at, 'is_anonymous', u.is_anonymous
  ) as user
  from auth.users u`;

async function readUser(tx: Transaction, id: string): Promise<unknown | null> {
  const { rows } = await tx.query<{ user: unknown }>(`${USER_JSON} where u.id = $1`, [id]);
  return rows[0]?.user ?? null;
}

/** GoTrue's checkPasswordStrength with the default minimum length: 72 bytes at most (bcrypt), 6 characters at least. */
function passwordProblem(password: string | undefined): Response | null {
  if (password === undefined) return null;
  if (Buffer.byteLength(password) > 72) return goTrueError(400, "validation_failed", "Password cannot be longer than 72 characters");
  if (password.length >= 6) return null;
  return Response.json(
    { code: 422, error_code: "weak_password", msg: "Password should be at least 6 characters.", weak_password: { reasons: ["length"] } },
    { status: 422 },
  );
}

function badRequest(error: z.ZodError): Response {
  return goTrueError(400, "validation_failed", z.prettifyError(error));
}

/** Serves /auth/v1/admin/users[/<id>] for the service role; null for any other path. */
export async function handleAdminUsers(request: Request, db: LocalDatabase, keys: ProjectKeys): Promise<Response | null> {
  const path = new URL(request.url).pathname;
  const match = /^\/auth\/v1\/admin\/users(?:\/([^/]+))?\/?$/.exec(path);
  if (!match) return null;
  const credentials = credentialsOf(request);
  if (!credentials.bearer) return goTrueError(401, "no_authorization", "This endpoint requires a valid Bearer token");
  const identity = await identify(credentials, keys).catch(() => null);
  if (identity?.role !== "service_role") return goTrueError(403, "not_admin", "User not allowed");

  const id = match[1];
  if (id !== undefined && !z.uuid().safeParse(id).success) return goTrueError(404, "user_not_found", "User not found");
  const body = ["POST", "PUT"].includes(request.method) ? await request.json().catch(() => null) : null;

  if (!id && request.method === "GET") return listUsers(new URL(request.url), db);
  if (!id && request.method === "POST") {
    const parsed = createUser.safeParse(body);
    if (!parsed.success) return badRequest(parsed.error);
    return passwordProblem(parsed.data.password) ?? insertUser(parsed.data, db);
  }
  if (id && request.method === "GET") {
    const user = await db.exclusive(() => db.pg.transaction((tx) => readUser(tx, id)));
    return user ? Response.json(user) : goTrueError(404, "user_not_found", "User not found");
  }
  if (id && request.method === "PUT") {
    const parsed = updateUser.safeParse(body);
    if (!parsed.success) return badRequest(parsed.error);
    return passwordProblem(parsed.data.password) ?? changeUser(id, parsed.data, db);
  }
  if (id && request.method === "DELETE") {
    const { affectedRows } = await db.exclusive(() => db.pg.query("delete from auth.users where id = $1", [id]));
    return affectedRows ? Response.json({}) : goTrueError(404, "user_not_found", "User not found");
  }
  return goTrueError(405, "method_not_allowed", `${request.method} is not allowed here`);
}

async function listUsers(url: URL, db: LocalDatabase): Promise<Response> {
  const page = Math.max(1, Number(url.searchParams.get("page")) || 1);
  const perPage = Math.min(1000, Math.max(1, Number(url.searchParams.get("per_page")) || 50));
  const { users, total } = await db.exclusive(() =>
    db.pg.transaction(async (tx) => {
      const { rows } = await tx.query<{ user: unknown }>(`${USER_JSON} order by u.created_at, u.id limit $1 offset $2`, [
        perPage,
        (page - 1) * perPage,
      ]);
      const count = await tx.query<{ n: number }>("select count(*)::int as n from auth.users");
      return { users: rows.map((row) => row.user), total: count.rows[0]!.n };
    }),
  );
  return Response.json({ users, aud: "authenticated" }, { headers: { "x-total-count": String(total), link: pageLinks(url, page, perPage, total) } });
}

/** GoTrue's Link header (addPaginationHeaders), which supabase-js reads for nextPage, lastPage and total. */
function pageLinks(url: URL, page: number, perPage: number, total: number): string {
  const lastPage = Math.ceil(total / perPage);
  const link = (to: number, rel: string) => {
    const query = new URLSearchParams(url.searchParams);
    query.set("page", String(to));
    query.sort();
    return `</admin/users?${query}>; rel="${rel}"`;
  };
  return [...(lastPage > page ? [link(page + 1, "next")] : []), link(lastPage, "last")].join(", ");
}

async function insertUser(input: z.infer<typeof createUser>, db: LocalDatabase): Promise<Response> {
  const id = randomUUID();
  const hash = input.password ? await bcrypt.hash(input.password, 10) : null;
  return db.exclusive(() =>
    db.pg.transaction(async (tx) => {
      const taken = await tx.query("select 1 from auth.users where lower(email) = lower($1)", [input.email]);
      if (taken.rows.length) return goTrueError(422, "email_exists", "A user with this email address has already been registered");
      await tx.query(
        `insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, phone, raw_app_meta_data, raw_user_meta_data)
         values ($1, 'authenticated', 'authenticated', lower($2), $3, case when $4 then now() end, $5, $6, $7)`,
        [id, input.email, hash, input.email_confirm ?? false, input.phone ?? null,
          { provider: "email", providers: ["email"], ...input.app_metadata }, input.user_metadata ?? {}],
      );
      await tx.query(
        `insert into auth.identities (id, provider, provider_id, user_id, identity_data)
         values ($1, 'email', $2::text, $3::uuid, jsonb_build_object('sub', $2::text, 'email', lower($4::text), 'email_verified', $5::boolean))`,
        [randomUUID(), id, id, input.email, input.email_confirm ?? false],
      );
      return Response.json(await readUser(tx, id));
    }),
  );
}

async function changeUser(id: string, input: z.infer<typeof updateUser>, db: LocalDatabase): Promise<Response> {
  const hash = input.password ? await bcrypt.hash(input.password, 10) : null;
  return db.exclusive(() =>
    db.pg.transaction(async (tx) => {
      const { affectedRows } = await tx.query(
        `update auth.users set
           email = coalesce(lower($2), email),
           encrypted_password = coalesce($3, encrypted_password),
           email_confirmed_at = case when $4::boolean then coalesce(email_confirmed_at, now()) else email_confirmed_at end,
           raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || coalesce($5::jsonb, '{}'::jsonb),
           raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || coalesce($6::jsonb, '{}'::jsonb),
           banned_until = case when $7::text = 'none' then null when $7::text is null then banned_until
                               else now() + $7::interval end,
           updated_at = now()
         where id = $1`,
        [id, input.email ?? null, hash, input.email_confirm ?? false, input.user_metadata ?? null,
          input.app_metadata ?? null, input.ban_duration ?? null],
      );
      if (!affectedRows) return goTrueError(404, "user_not_found", "User not found");
      return Response.json(await readUser(tx, id));
    }),
  );
}
