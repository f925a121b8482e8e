/** @module The in-database half of postgres_changes: a change queue filled by triggers, and the RLS check run per subscriber identity. */
import type { LocalDatabase } from "../db/index.ts";

/** Our own schema: hosted Supabase owns `realtime`, so this name cannot clash with it. */
export const SCHEMA = "_realtime_local";
export const NOTIFY_CHANNEL = "_realtime_local_changes";
const TRIGGER = "_realtime_local_capture";

/**
 * Idempotent: runs on every start, after the migrations. The queue and the
 * functions are closed to the API roles (no grants, RLS on, no policies).
 */
const INSTALL_SQL = /* sql */ `
create schema if not exists ${SCHEMA};
comment on schema ${SCHEMA} is 'The local stack''s Realtime server: change queue and RLS check (not part of hosted Supabase).';
revoke all on schema ${SCHEMA} from public, anon, authenticated, service_role;

create table if not exists ${SCHEMA}.changes (
  id bigint generated always as identity primary key,
  schema_name text not null,
  table_name text not null,
  op text not null check (op in ('INSERT', 'UPDATE', 'DELETE')),
  record jsonb,
  old_identity jsonb,
  rls_enabled boolean not null,
  committed_at timestamptz not null default now()
);
comment on table ${SCHEMA}.changes is
  'Row changes of the supabase_realtime publication waiting for the Realtime server; rows are deleted once delivered.';
alter table ${SCHEMA}.changes enable row level security;
revoke all on table ${SCHEMA}.changes from public, anon, authenticated, service_role;
revoke all on all sequences in schema ${SCHEMA} from public, anon, authenticated, service_role;
alter default privileges in schema ${SCHEMA} revoke all on tables from public, anon, authenticated, service_role;
alter default privileges in schema ${SCHEMA} revoke all on sequences from public, anon, authenticated, service_role;

-- -----------------------------------------------------------------------------
-- capture: one queue row per changed row, and a NOTIFY carrying only its id
-- (NOTIFY payloads are capped at 8000 bytes; rows are not).
-- old_identity holds the replica identity of the old row, as logical decoding
-- would: the primary key by default, every column with REPLICA IDENTITY FULL.
-- -----------------------------------------------------------------------------
create or replace function ${SCHEMA}.capture_change()
returns trigger language plpgsql security definer set search_path = '' as $$
declare
  identity_kind "char";
  rls boolean;
  old_row jsonb;
  old_identity jsonb;
  change_id bigint;
begin
  select c.relreplident, c.relrowsecurity into identity_kind, rls from pg_catalog.pg_class c where c.oid = tg_relid;
  if tg_op <> 'INSERT' then
    old_row := pg_catalog.to_jsonb(old);
    if identity_kind = 'f' then
      old_identity := old_row;
    elsif identity_kind = 'n' then
      old_identity := '{}';
    else
      select coalesce(pg_catalog.jsonb_object_agg(a.attname, old_row -> a.attname::text), '{}')
        into old_identity
        from pg_catalog.pg_index i
        join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
       where i.indrelid = tg_relid
         and case when identity_kind = 'i' then i.indisreplident else i.indisprimary end;
    end if;
  end if;
  insert into ${SCHEMA}.changes (schema_name, table_name, op, record, old_identity, rls_enabled)
  values (tg_table_schema, tg_table_name, tg_op,
          case when tg_op <> 'DELETE' then pg_catalog.to_jsonb(new) end, old_identity, coalesce(rls, false))
  returning id into change_id;
  perform pg_catalog.pg_notify('${NOTIFY_CHANNEL}', change_id::text);
  return null;
end;
$$;
comment on function ${SCHEMA}.capture_change() is
  'Trigger function on every table of the supabase_realtime publication: queues the change for the Realtime server.';
revoke execute on function ${SCHEMA}.capture_change() from public, anon, authenticated, service_role;

-- -----------------------------------------------------------------------------
-- visible_to: which identities may SELECT a row, checked as each of them
-- (role + request.jwt.claims, as PostgREST sets them), like Supabase
-- Realtime's apply_rls. One call answers a batch of changes:
--   checks = [{ "sql": "select exists(... $1 ...)", "key": {pk}, "identities": [{role, claims}] }]
--   result = [[indexes of the identities that see the row], ...]
-- The check is prepared once per change and executed per identity, so its plan
-- is reused while the role stays the same. A check that raises is redone one
-- identity at a time; an identity whose check raises does not see the row.
-- No search_path is pinned: policies run with the session's, as under PostgREST.
-- -----------------------------------------------------------------------------
create or replace function ${SCHEMA}.visible_to(checks jsonb)
returns jsonb language plpgsql as $$
declare
  item jsonb;
  who jsonb;
  key_literal text;
  idx integer;
  visible boolean;
  seen jsonb;
  result jsonb := '[]';
begin
  for item in select value from pg_catalog.jsonb_array_elements(checks) loop
    if exists (select 1 from pg_catalog.pg_prepared_statements where name = '_realtime_local_check') then
      deallocate _realtime_local_check;
    end if;
    execute 'prepare _realtime_local_check(jsonb) as ' || (item ->> 'sql');
    key_literal := pg_catalog.quote_literal(item ->> 'key');
    begin
      seen := '[]';
      idx := 0;
      for who in select value from pg_catalog.jsonb_array_elements(item -> 'identities') loop
        perform pg_catalog.set_config('role', who ->> 'role', true), pg_catalog.set_config('request.jwt.claims', who ->> 'claims', true);
        execute 'execute _realtime_local_check(' || key_literal || ')' into visible;
        if visible then
          seen := seen || pg_catalog.to_jsonb(idx);
        end if;
        idx := idx + 1;
      end loop;
    exception when others then
      seen := '[]';
      idx := 0;
      for who in select value from pg_catalog.jsonb_array_elements(item -> 'identities') loop
        perform pg_catalog.set_config('role', who ->> 'role', true), pg_catalog.set_config('request.jwt.claims', who ->> 'claims', true);
        begin
          execute 'execute _realtime_local_check(' || key_literal || ')' into visible;
        exception when others then
          visible := false;
        end;
        if visible then
          seen := seen || pg_catalog.to_jsonb(idx);
        end if;
        idx := idx + 1;
      end loop;
    end;
    deallocate _realtime_local_check;
    result := result || pg_catalog.jsonb_build_array(seen);
  end loop;
  perform pg_catalog.set_config('role', 'none', true), pg_catalog.set_config('request.jwt.claims', '', true);
  return result;
end;
$$;
comment on function ${SCHEMA}.visible_to(jsonb) is
  'For each change, the identities (role + JWT claims) under which the changed row passes RLS.';
revoke execute on function ${SCHEMA}.visible_to(jsonb) from public, anon, authenticated, service_role;

-- -----------------------------------------------------------------------------
-- one capture trigger per published table; none on tables that left it
-- -----------------------------------------------------------------------------
do $$
declare
  target record;
begin
  for target in
    select t.tgrelid::regclass as relation
      from pg_catalog.pg_trigger t
     where t.tgname = '${TRIGGER}'
       and t.tgrelid not in (
         select pg_catalog.format('%I.%I', p.schemaname, p.tablename)::regclass
           from pg_catalog.pg_publication_tables p
          where p.pubname = 'supabase_realtime')
  loop
    execute pg_catalog.format('drop trigger %I on %s', '${TRIGGER}', target.relation);
  end loop;
  for target in
    select p.schemaname, p.tablename from pg_catalog.pg_publication_tables p where p.pubname = 'supabase_realtime'
  loop
    execute pg_catalog.format(
      'create or replace trigger %I after insert or update or delete on %I.%I for each row execute function ${SCHEMA}.capture_change()',
      '${TRIGGER}', target.schemaname, target.tablename);
  end loop;
end;
$$;

-- changes queued while no Realtime server ran have no subscriber to go to
delete from ${SCHEMA}.changes;
`;

/**
 * Installs (or refreshes) the queue, the functions and the triggers. The
 * revokes also close a data directory that an older stack let
 * @supabase/lite open (see local/db/lite-privileges.ts).
 */
export async function installCapture(db: LocalDatabase): Promise<void> {
  await db.exclusive(() => db.pg.exec(INSTALL_SQL));
}

/** A queued change as the Realtime server reads it. */
export interface QueuedChange {
  id: number;
  schema: string;
  table: string;
  type: "INSERT" | "UPDATE" | "DELETE";
  record: Record<string, unknown> | null;
  /** The old row's replica-identity columns (UPDATE, DELETE). */
  oldIdentity: Record<string, unknown> | null;
  rlsEnabled: boolean;
  /** ISO 8601, UTC, milliseconds, `Z`. */
  commitTimestamp: string;
}

interface QueueRow {
  id: string | number;
  schema_name: string;
  table_name: string;
  op: QueuedChange["type"];
  record: Record<string, unknown> | null;
  old_identity: Record<string, unknown> | null;
  rls_enabled: boolean;
  committed_ms: number;
}

/** Takes up to `limit` queued changes off the queue, oldest first. Call inside `db.exclusive`. */
export async function takeChanges(db: LocalDatabase, limit: number): Promise<QueuedChange[]> {
  const { rows } = await db.pg.query<QueueRow>(
    `delete from ${SCHEMA}.changes
      where id in (select id from ${SCHEMA}.changes order by id limit $1)
  returning id, schema_name, table_name, op, record, old_identity, rls_enabled,
            (extract(epoch from committed_at) * 1000)::float8 as committed_ms`,
    [limit],
  );
  return rows
    .map((row) => ({
      id: Number(row.id),
      schema: row.schema_name,
      table: row.table_name,
      type: row.op,
      record: row.record,
      oldIdentity: row.old_identity,
      rlsEnabled: row.rls_enabled,
      commitTimestamp: new Date(row.committed_ms).toISOString(),
    }))
    .sort((a, b) => a.id - b.id);
}

export interface VisibilityCheck {
  /** `select exists(...)` with the primary key as `$1` (jsonb). */
  sql: string;
  key: Record<string, unknown>;
  identities: { role: string; claims: string }[];
}

/**
 * For each check, the indexes of the identities that may SELECT the row, found
 * in one transaction acting as each identity in turn. Call inside `db.exclusive`.
 */
export async function runVisibilityChecks(db: LocalDatabase, checks: VisibilityCheck[]): Promise<number[][]> {
  if (checks.length === 0) return [];
  return db.pg.transaction(async (tx) => {
    const { rows } = await tx.query<{ visible: number[][] }>(`select ${SCHEMA}.visible_to($1::jsonb) as visible`, [JSON.stringify(checks)]);
    return rows[0]?.visible ?? checks.map(() => []);
  });
}
