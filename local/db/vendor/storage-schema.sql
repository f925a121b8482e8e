-- =============================================================================
-- The `storage` schema of a Supabase project, as Supabase Storage's own
-- migrations leave it (supabase/storage, migrations/tenant/0002 … 0063), cut to
-- what the Storage HTTP API and project migrations use: buckets, objects, the
-- path helpers policies are written with, `storage.search` for listing, and the
-- grants and triggers a hosted project has. Objects have RLS enabled and no
-- policies: projects add their own, exactly as on Supabase.
--
-- Idempotent: it runs on every start, after platform.sql and before the
-- project's migrations, so those can `insert into storage.buckets` and
-- `create policy … on storage.objects` as they do on Supabase.
-- =============================================================================

create schema if not exists storage;

grant usage on schema storage to anon, authenticated, service_role;
alter default privileges in schema storage grant all on tables to anon, authenticated, service_role;
alter default privileges in schema storage grant all on functions to anon, authenticated, service_role;
alter default privileges in schema storage grant all on sequences to anon, authenticated, service_role;

do $$
begin
  if not exists (
    select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where n.nspname = 'storage' and t.typname = 'buckettype'
  ) then
    create type storage.buckettype as enum ('STANDARD', 'ANALYTICS', 'VECTOR');
  end if;
end
$$;

-- -----------------------------------------------------------------------------
-- Tables
-- -----------------------------------------------------------------------------

create table if not exists storage.buckets (
  id text not null primary key,
  name text not null,
  owner uuid,
  owner_id text,
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  type storage.buckettype not null default 'STANDARD',
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);
create unique index if not exists bname on storage.buckets using btree (name);
alter table storage.buckets enable row level security;
comment on table storage.buckets is 'Storage buckets: one row per bucket, with its public flag and upload limits.';
comment on column storage.buckets.owner is 'Field is deprecated, use owner_id instead';

create table if not exists storage.objects (
  id uuid not null default gen_random_uuid() primary key,
  bucket_id text constraint "objects_bucketId_fkey" references storage.buckets (id),
  name text,
  owner uuid,
  owner_id text,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  user_metadata jsonb
);
create unique index if not exists bucketid_objname on storage.objects using btree (bucket_id, name);
create index if not exists name_prefix_search on storage.objects (name text_pattern_ops);
alter table storage.objects enable row level security;
comment on table storage.objects is 'Storage objects: one row per stored file; RLS policies on it decide who may read and write files.';
comment on column storage.objects.owner is 'Field is deprecated, use owner_id instead';

grant all on storage.buckets, storage.objects to anon, authenticated, service_role;

-- -----------------------------------------------------------------------------
-- Path helpers for policies: (storage.foldername(name))[1] = auth.uid()::text
-- -----------------------------------------------------------------------------

create or replace function storage.foldername(name text)
returns text[]
language plpgsql
immutable
as $function$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[1 : array_length(_parts, 1) - 1];
end
$function$;
comment on function storage.foldername(text) is 'The folders of an object name: storage.foldername(''a/b/c.png'') = {a,b}.';

create or replace function storage.filename(name text)
returns text
language plpgsql
immutable
as $function$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[array_length(_parts, 1)];
end
$function$;
comment on function storage.filename(text) is 'The last path segment of an object name.';

create or replace function storage.extension(name text)
returns text
language plpgsql
immutable
as $function$
declare
  _parts text[];
  _filename text;
begin
  select string_to_array(name, '/') into _parts;
  select _parts[array_length(_parts, 1)] into _filename;
  return reverse(split_part(reverse(_filename), '.', 1));
end
$function$;
comment on function storage.extension(text) is 'The extension of an object name, without the dot.';

-- The Storage API sets storage.operation (e.g. storage.object.upload) for every request.
create or replace function storage.operation()
returns text
language plpgsql
stable
as $$
begin
  return current_setting('storage.operation', true);
end;
$$;

create or replace function storage.allow_only_operation(expected_operation text)
returns boolean
language sql
stable
as $$
  with current_operation as (
    select storage.operation() as raw_operation
  ),
  normalized as (
    select
      case when raw_operation like 'storage.%' then substr(raw_operation, 9) else raw_operation end as current_operation,
      case when expected_operation like 'storage.%' then substr(expected_operation, 9) else expected_operation end as requested_operation
    from current_operation
  )
  select case
    when requested_operation is null or requested_operation = '' then false
    else coalesce(current_operation = requested_operation, false)
  end
  from normalized;
$$;

create or replace function storage.allow_any_operation(expected_operations text[])
returns boolean
language sql
stable
as $$
  with current_operation as (
    select storage.operation() as raw_operation
  ),
  normalized as (
    select case when raw_operation like 'storage.%' then substr(raw_operation, 9) else raw_operation end as current_operation
    from current_operation
  )
  select exists (
    select 1
    from normalized n
    cross join lateral unnest(expected_operations) as expected_operation
    where expected_operation is not null
      and expected_operation <> ''
      and n.current_operation = case
        when expected_operation like 'storage.%' then substr(expected_operation, 9)
        else expected_operation
      end
  );
$$;

create or replace function storage.get_size_by_bucket()
returns table (size bigint, bucket_id text)
language plpgsql
stable
as $function$
begin
  return query
    select sum((obj.metadata ->> 'size')::bigint) as size, obj.bucket_id
    from storage.objects as obj
    group by obj.bucket_id;
end
$function$;

-- -----------------------------------------------------------------------------
-- Listing: one level under a prefix, folders as rows with a null id. Runs as
-- the caller (security invoker), so RLS on storage.objects decides what shows.
-- -----------------------------------------------------------------------------

create or replace function storage.search(
  prefix text,
  bucketname text,
  limits int default 100,
  levels int default 1,
  offsets int default 0,
  search text default '',
  sortcolumn text default 'name',
  sortorder text default 'asc'
)
returns table (
  name text,
  id uuid,
  updated_at timestamptz,
  created_at timestamptz,
  last_accessed_at timestamptz,
  metadata jsonb
)
language plpgsql
stable
security invoker
as $func$
declare
  v_prefix text := coalesce(prefix, '') || coalesce(search, '');
  v_start int := coalesce(array_length(string_to_array(coalesce(prefix, ''), '/'), 1), 1);
  v_levels int := coalesce(array_length(string_to_array(coalesce(prefix, '') || coalesce(search, ''), '/'), 1), 1);
  v_pattern text := replace(replace(replace(coalesce(prefix, '') || coalesce(search, ''), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  v_order text := case when lower(coalesce(sortorder, 'asc')) = 'desc' then 'desc' else 'asc' end;
  v_column text := case lower(coalesce(sortcolumn, 'name'))
    when 'updated_at' then 'updated_at'
    when 'created_at' then 'created_at'
    when 'last_accessed_at' then 'last_accessed_at'
    else 'name'
  end;
  v_order_by text;
begin
  if v_column = 'name' then
    v_order_by := format('lower(e.name) collate "C" %s, e.name collate "C" %s', v_order, v_order);
  else
    v_order_by := format('e.is_folder desc, (case when e.is_folder then e.name end) collate "C" %s, e.%I %s, e.name collate "C"', v_order, v_column, v_order);
  end if;

  return query execute format(
    $sql$
    with matched as (
      select o.path_tokens, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata
      from storage.objects o
      where o.bucket_id = $1 and o.name ilike $2
    ),
    entries as (
      select distinct array_to_string(m.path_tokens[$3:$4], '/') as name,
             null::uuid as id, null::timestamptz as updated_at, null::timestamptz as created_at,
             null::timestamptz as last_accessed_at, null::jsonb as metadata, true as is_folder
      from matched m
      where array_length(m.path_tokens, 1) > $4
      union all
      select array_to_string(m.path_tokens[$3:$4], '/'), m.id, m.updated_at, m.created_at,
             m.last_accessed_at, m.metadata, false
      from matched m
      where array_length(m.path_tokens, 1) = $4
    )
    select e.name, e.id, e.updated_at, e.created_at, e.last_accessed_at, e.metadata
    from entries e
    order by %s
    limit $5 offset $6
    $sql$, v_order_by
  ) using bucketname, v_pattern, v_start, v_levels, greatest(coalesce(limits, 100), 0), greatest(coalesce(offsets, 0), 0);
end;
$func$;
comment on function storage.search(text, text, int, int, int, text, text, text) is 'Lists one level of a bucket under a prefix (folders first when not sorted by name), as the caller.';

-- -----------------------------------------------------------------------------
-- Triggers
-- -----------------------------------------------------------------------------

create or replace function storage.update_updated_at_column()
returns trigger
language plpgsql
as $$
begin
  new.updated_at = now();
  return new;
end;
$$;

drop trigger if exists update_objects_updated_at on storage.objects;
create trigger update_objects_updated_at
  before update on storage.objects
  for each row execute function storage.update_updated_at_column();

create or replace function storage.enforce_bucket_name_length()
returns trigger
language plpgsql
as $$
begin
  if length(new.name) > 100 then
    raise exception 'bucket name "%" is too long (% characters). Max is 100.', new.name, length(new.name);
  end if;
  return new;
end;
$$;

drop trigger if exists enforce_bucket_name_length_trigger on storage.buckets;
create trigger enforce_bucket_name_length_trigger
  before insert or update of name on storage.buckets
  for each row execute function storage.enforce_bucket_name_length();

-- As on Supabase, rows leave storage tables only through the Storage API (which
-- sets storage.allow_delete_query), so no file is orphaned by a stray DELETE.
create or replace function storage.protect_delete()
returns trigger
language plpgsql
as $$
begin
  if coalesce(current_setting('storage.allow_delete_query', true), 'false') != 'true' then
    raise exception 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
      using hint = 'This prevents accidental data loss from orphaned objects.',
            errcode = '42501';
  end if;
  return null;
end;
$$;

drop trigger if exists protect_buckets_delete on storage.buckets;
create trigger protect_buckets_delete
  before delete on storage.buckets
  for each statement execute function storage.protect_delete();

drop trigger if exists protect_objects_delete on storage.objects;
create trigger protect_objects_delete
  before delete on storage.objects
  for each statement execute function storage.protect_delete();

grant execute on all functions in schema storage to anon, authenticated, service_role;
