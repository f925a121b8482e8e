/** @module Realtime Authorization for private channels: the policies on realtime.messages, checked the way supabase/realtime does. */
import type { LocalDatabase } from "../db/index.ts";
import { SCHEMA } from "./capture-sql.ts";
import { rlsIdentity, type RlsIdentity } from "./tokens.ts";

/** What a private channel's identity may do on its topic. */
export interface TopicPermissions {
  broadcastRead: boolean;
  broadcastWrite: boolean;
  presenceRead: boolean;
  presenceWrite: boolean;
}

const ALL: TopicPermissions = { broadcastRead: true, broadcastWrite: true, presenceRead: true, presenceWrite: true };
const NONE: TopicPermissions = { broadcastRead: false, broadcastWrite: false, presenceRead: false, presenceWrite: false };

/**
 * Idempotent, run on every start. As `Realtime.Tenants.Authorization` does:
 * the caller (the superuser) inserts a broadcast and a presence row for the
 * topic, then acts as the identity (role and request.jwt.claims set as
 * `visible_to` sets them, plus realtime.topic): the rows it can see are its
 * read permissions, and an insert of each kind in a savepoint that fails with
 * insufficient_privilege (42501) is a missing write permission. The caller
 * rolls the transaction back, so nothing stays in realtime.messages.
 */
const INSTALL_SQL = /* sql */ `
create or replace function ${SCHEMA}.topic_permissions(target_topic text, who jsonb)
returns jsonb
language plpgsql
as $$
declare
  broadcast_id uuid;
  presence_id uuid;
  readable uuid[];
  broadcast_write boolean := true;
  presence_write boolean := true;
begin
  insert into realtime.messages (topic, extension, private) values (target_topic, 'broadcast', true) returning id into broadcast_id;
  insert into realtime.messages (topic, extension, private) values (target_topic, 'presence', true) returning id into presence_id;
  perform pg_catalog.set_config('role', who ->> 'role', true),
          pg_catalog.set_config('realtime.topic', target_topic, true),
          pg_catalog.set_config('request.jwt.claims', who ->> 'claims', true);
  select coalesce(pg_catalog.array_agg(m.id), '{}') into readable
    from realtime.messages m where m.id in (broadcast_id, presence_id);
  begin
    insert into realtime.messages (topic, extension, private) values (target_topic, 'broadcast', true);
  exception when insufficient_privilege then
    broadcast_write := false;
  end;
  begin
    insert into realtime.messages (topic, extension, private) values (target_topic, 'presence', true);
  exception when insufficient_privilege then
    presence_write := false;
  end;
  return pg_catalog.jsonb_build_object(
    'broadcastRead', broadcast_id = any (readable),
    'presenceRead', presence_id = any (readable),
    'broadcastWrite', broadcast_write,
    'presenceWrite', presence_write);
end;
$$;
comment on function ${SCHEMA}.topic_permissions(text, jsonb) is
  'Read and write permissions of an identity (role + JWT claims) on a private Realtime topic; call in a transaction that is rolled back.';
revoke execute on function ${SCHEMA}.topic_permissions(text, jsonb) from public, anon, authenticated, service_role;

-- @supabase/lite grants ALL on the tables of every schema with RLS (see installCapture); back to Supabase's grants.
revoke delete, truncate, references, trigger on realtime.messages from anon, authenticated, service_role;
`;

/** Installs (or refreshes) the check; call after `installCapture`, which creates the schema. */
export async function installTopicAuthorization(db: LocalDatabase): Promise<void> {
  await db.exclusive(() => db.pg.exec(INSTALL_SQL));
}

/**
 * What `identity` may do on the private topic `subTopic` (the channel name
 * without `realtime:`). The service role bypasses RLS and may do everything.
 * A policy that raises denies everything (logged), never a crash.
 *
 * @example const { broadcastRead, presenceRead } = await topicPermissions(db, "job:…", identity)
 */
export async function topicPermissions(db: LocalDatabase, subTopic: string, identity: RlsIdentity): Promise<TopicPermissions> {
  if (identity.role === "service_role") return ALL;
  try {
    return await db.exclusive(() =>
      db.pg.transaction(async (tx) => {
        const { rows } = await tx.query<{ permissions: TopicPermissions }>(
          `select ${SCHEMA}.topic_permissions($1, $2::jsonb) as permissions`,
          [subTopic, JSON.stringify(rlsIdentity(identity))],
        );
        await tx.rollback();
        return rows[0]?.permissions ?? NONE;
      }),
    );
  } catch (error) {
    console.error(`[realtime] authorizing topic ${JSON.stringify(subTopic)} failed:`, error);
    return NONE;
  }
}

/** Whether the permissions let a channel join at all (read of broadcast or presence). */
export const mayJoin = (permissions: TopicPermissions) => permissions.broadcastRead || permissions.presenceRead;
