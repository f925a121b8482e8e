/** @module Single-use refresh tokens: a used one is refused and, as GoTrue's reuse detection does, ends its session. */
import type { LocalDatabase } from "../db/index.ts";

const isRefreshGrant = (request: Request) => {
  const url = new URL(request.url);
  return request.method === "POST" && url.pathname === "/auth/v1/token" && url.searchParams.get("grant_type") === "refresh_token";
};

/**
 * For a refresh-token grant whose token was already used (revoked), revokes every
 * token of that session and answers 400 as GoTrue does; null lets the request through.
 * The local stack runs with no reuse interval, so a token works exactly once.
 */
export async function refuseReusedRefreshToken(request: Request, db: LocalDatabase): Promise<Response | null> {
  if (!isRefreshGrant(request)) return null;
  const body = (await request.clone().json().catch(() => null)) as { refresh_token?: unknown } | null;
  if (typeof body?.refresh_token !== "string") return null;
  const { rows } = await db.pg.query<{ session_id: string | null }>(
    "select session_id from auth.refresh_tokens where token = $1 and revoked",
    [body.refresh_token],
  );
  if (!rows.length) return null;
  await db.pg.query("update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1", [rows[0]!.session_id]);
  return Response.json(
    { code: 400, error_code: "refresh_token_already_used", msg: "Invalid Refresh Token: Already Used" },
    { status: 400 },
  );
}
