-- =============================================================================
-- Baseline studio functions: Studio's counts, guards, search, provider slots and order functions
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- =============================================================================

-- =============================================================================
-- Studio triggers and functions: denormalised counts (exact under
-- concurrency: each is one `x = x + 1` on a locked row), order progress from
-- its items, full-text search vectors, soft delete and restore, the provider
-- call ledger (rate limits across workers), cancel, retention.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- counts
-- security definer (all three): the counters are not granted to API roles, yet
-- an owner's insert or delete (a collection's product, a tag) must move them.
-- -----------------------------------------------------------------------------
create or replace function public.handle_studio_project_counts()
returns trigger language plpgsql security definer set search_path = '' as $$
declare
  delta int;
  project uuid;
begin
  delta := case
    when tg_op = 'INSERT' then case when new.deleted_at is null then 1 else 0 end
    when tg_op = 'DELETE' then case when old.deleted_at is null then -1 else 0 end
    else (case when new.deleted_at is null then 1 else 0 end) - (case when old.deleted_at is null then 1 else 0 end)
  end;
  project := case when tg_op = 'DELETE' then old.project_id else new.project_id end;
  if delta <> 0 then
    if tg_table_name = 'products' then
      update public.projects set product_count = product_count + delta where id = project;
    else
      update public.projects set order_count = order_count + delta where id = project;
    end if;
  end if;
  return null;
end;
$$;

comment on function public.handle_studio_project_counts() is
  'Trigger function: keeps projects.product_count / order_count equal to the live (not soft-deleted) products / orders.';

create trigger products_project_count
  after insert or delete or update of deleted_at on public.products
  for each row execute function public.handle_studio_project_counts();

create trigger orders_project_count
  after insert or delete or update of deleted_at on public.orders
  for each row execute function public.handle_studio_project_counts();

-- Arguments: the counted table's parent table, its counter column, and the
-- foreign key column of the counted row.
create or replace function public.handle_child_count()
returns trigger language plpgsql security definer set search_path = '' as $$
declare
  parent uuid := (to_jsonb(case when tg_op = 'INSERT' then new else old end) ->> tg_argv[2])::uuid;
begin
  execute format('update public.%I set %I = %I + $1 where id = $2', tg_argv[0], tg_argv[1], tg_argv[1])
    using case when tg_op = 'INSERT' then 1 else -1 end, parent;
  return null;
end;
$$;

comment on function public.handle_child_count() is
  'Trigger function: keeps a parent''s counter (e.g. collections.product_count, tags.usage_count) equal to its rows in the triggering table.';

create trigger collection_products_count
  after insert or delete on public.collection_products
  for each row execute function public.handle_child_count('collections', 'product_count', 'collection_id');

create trigger tag_associations_count
  after insert or delete on public.tag_associations
  for each row execute function public.handle_child_count('tags', 'usage_count', 'tag_id');

create or replace function public.handle_template_usage_count()
returns trigger language plpgsql security definer set search_path = '' as $$
begin
  update public.templates set usage_count = usage_count + 1 where id = new.template_id;
  return null;
end;
$$;

comment on function public.handle_template_usage_count() is 'Trigger function: counts the orders placed from a template.';

create trigger orders_template_usage
  after insert on public.orders
  for each row when (new.template_id is not null)
  execute function public.handle_template_usage_count();

revoke execute on function public.handle_studio_project_counts() from public, anon, authenticated;
revoke execute on function public.handle_child_count() from public, anon, authenticated;
revoke execute on function public.handle_template_usage_count() from public, anon, authenticated;

create trigger products_owner_columns before update on public.products
  for each row execute function public.guard_owner_columns('liked', 'rating', 'notes', 'search_vector');

create trigger collections_owner_columns before update on public.collections
  for each row execute function public.guard_owner_columns('name', 'description', 'cover_product_id');

create trigger tags_owner_columns before update on public.tags
  for each row execute function public.guard_owner_columns('name', 'color', 'description');

create trigger templates_owner_columns before update on public.templates
  for each row execute function public.guard_owner_columns('name', 'description', 'provider', 'model', 'parameter_set');

-- -----------------------------------------------------------------------------
-- an order follows its items: pending → processing → fulfilled | failed
-- -----------------------------------------------------------------------------
create or replace function public.handle_order_item_progress()
returns trigger language plpgsql set search_path = '' as $$
declare
  done int := case when new.status = 'complete' then 1 else 0 end;
  lost int := case when new.status = 'failed' then 1 else 0 end;
begin
  if new.status = 'generating' then
    update public.orders set status = 'processing' where id = new.order_id and status = 'pending';
  elsif done + lost > 0 then
    update public.orders o set
      completed_count = o.completed_count + done,
      failed_count = o.failed_count + lost,
      status = case
        when o.status not in ('pending', 'processing') then o.status
        when o.completed_count + done + o.failed_count + lost < o.expanded_count then 'processing'
        when o.completed_count + done = 0 then 'failed'
        else 'fulfilled' end
    where o.id = new.order_id;
  end if;
  return null;
end;
$$;

comment on function public.handle_order_item_progress() is
  'Trigger function: counts finished items on their order and moves it to processing, then fulfilled (or failed when no item succeeded).';

create trigger order_items_progress
  after update of status on public.order_items
  for each row when (old.status is distinct from new.status)
  execute function public.handle_order_item_progress();

-- -----------------------------------------------------------------------------
-- full-text search: every string inside the parameters, plus names and notes
-- -----------------------------------------------------------------------------
create or replace function public.handle_order_search_vector()
returns trigger language plpgsql set search_path = '' as $$
begin
  new.search_vector :=
    setweight(jsonb_to_tsvector('english'::regconfig, new.base_parameter_set, '["string"]'), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(new.provider, '') || ' ' || coalesce(new.model, '') || ' ' || coalesce(new.model_family, '')), 'C');
  return new;
end;
$$;

comment on function public.handle_order_search_vector() is 'Trigger function: computes orders.search_vector from the parameters, provider and model.';

create trigger orders_search_vector
  before insert or update of base_parameter_set, provider, model, model_family on public.orders
  for each row execute function public.handle_order_search_vector();

create or replace function public.handle_product_search_vector()
returns trigger language plpgsql set search_path = '' as $$
begin
  new.search_vector :=
    setweight(jsonb_to_tsvector('english'::regconfig, coalesce(new.metadata -> 'parameters', '{}'::jsonb), '["string"]'), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(new.notes, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, new.type || ' ' || coalesce(new.metadata ->> 'model', '') || ' ' || coalesce(new.metadata ->> 'provider', '')), 'C');
  return new;
end;
$$;

comment on function public.handle_product_search_vector() is 'Trigger function: computes products.search_vector from the generation parameters, notes, type and model.';

create trigger products_search_vector
  before insert or update of metadata, notes, type on public.products
  for each row execute function public.handle_product_search_vector();

-- -----------------------------------------------------------------------------
-- soft delete and restore
-- security definer: a soft-deleted row is hidden by the select policies, so an
-- owner's own UPDATE could neither reach it (restore) nor return it (delete);
-- ownership is checked here instead.
-- -----------------------------------------------------------------------------
create or replace function public.studio_set_deleted(p_entity text, p_id uuid, p_deleted boolean)
returns boolean language plpgsql security definer set search_path = '' as $$
declare
  owner uuid;
begin
  if p_entity not in ('product', 'order', 'collection') then
    raise exception 'studio_set_deleted: % is not product, order or collection', p_entity using errcode = '22023';
  end if;
  execute format('select p.user_id from public.%I x join public.projects p on p.id = x.project_id where x.id = $1', p_entity || 's')
    into owner using p_id;
  if owner is null or owner is distinct from (select auth.uid()) then
    return false;
  end if;
  execute format('update public.%I set deleted_at = case when $2 then coalesce(deleted_at, now()) end where id = $1', p_entity || 's')
    using p_id, p_deleted;
  return true;
end;
$$;

comment on function public.studio_set_deleted(text, uuid, boolean) is
  'Soft-deletes (p_deleted) or restores one of the caller''s products, orders or collections; false when it is not theirs.';

create or replace function public.studio_trash(p_project_id uuid)
returns table (entity text, id uuid, label text, deleted_at timestamptz) language sql stable security definer set search_path = '' as $$
  select 'product', x.id, coalesce(x.metadata -> 'parameters' ->> 'prompt', x.type), x.deleted_at
  from public.products x join public.projects p on p.id = x.project_id
  where x.project_id = p_project_id and x.deleted_at is not null and p.user_id = (select auth.uid())
  union all
  select 'order', x.id, x.model, x.deleted_at
  from public.orders x join public.projects p on p.id = x.project_id
  where x.project_id = p_project_id and x.deleted_at is not null and p.user_id = (select auth.uid())
  union all
  select 'collection', x.id, x.name, x.deleted_at
  from public.collections x join public.projects p on p.id = x.project_id
  where x.project_id = p_project_id and x.deleted_at is not null and p.user_id = (select auth.uid())
  order by 4 desc;
$$;

comment on function public.studio_trash(uuid) is
  'The caller''s soft-deleted products, orders and collections of a project (security definer: the select policies hide them).';

revoke execute on function public.studio_set_deleted(text, uuid, boolean) from public, anon;
revoke execute on function public.studio_trash(uuid) from public, anon;
grant execute on function public.studio_set_deleted(text, uuid, boolean) to authenticated, service_role;
grant execute on function public.studio_trash(uuid) to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- provider call ledger: a slot per request, taken under the provider's row lock
-- -----------------------------------------------------------------------------
create or replace function public.acquire_provider_slot(p_provider text, p_item uuid, p_hold_seconds int default 120)
returns bigint language plpgsql set search_path = '' as $$
declare
  provider public.providers;
  slot bigint;
begin
  select * into provider from public.providers where id = p_provider for update;
  if not found then
    raise exception 'acquire_provider_slot: no provider %', p_provider using errcode = '22023';
  end if;
  if provider.concurrent_limit is not null and provider.concurrent_limit <= (
    select count(*) from public.provider_calls c
    where c.provider_id = p_provider and c.finished_at is null and c.hold_until > now()) then
    return null;
  end if;
  if provider.rate_limit_requests is not null and provider.rate_limit_requests <= (
    select count(*) from public.provider_calls c
    where c.provider_id = p_provider and c.started_at > now() - interval '1 minute') then
    return null;
  end if;
  if provider.rate_limit_tokens is not null and provider.rate_limit_tokens <= (
    select coalesce(sum(c.tokens), 0) from public.provider_calls c
    where c.provider_id = p_provider and c.started_at > now() - interval '1 minute') then
    return null;
  end if;
  insert into public.provider_calls (provider_id, order_item_id, hold_until)
  values (p_provider, p_item, now() + make_interval(secs => p_hold_seconds))
  returning id into slot;
  return slot;
end;
$$;

comment on function public.acquire_provider_slot(text, uuid, int) is
  'Takes a slot for one request to a provider if its concurrent_limit, rate_limit_requests and rate_limit_tokens (per minute) allow; null means wait and try again.';

create or replace function public.release_provider_slot(p_slot bigint, p_tokens int default null)
returns void language sql set search_path = '' as $$
  update public.provider_calls set finished_at = now(), tokens = p_tokens where id = p_slot and finished_at is null;
$$;

-- -----------------------------------------------------------------------------
-- an item's attempt starts, and an item completes with its product, each in one
-- transaction (no product without its item marked complete, and none for an
-- item cancelled meanwhile)
-- -----------------------------------------------------------------------------
create or replace function public.start_order_item_attempt(p_item_id uuid, p_attempt int, p_message text)
returns boolean language plpgsql set search_path = '' as $$
begin
  update public.order_items
  set status = 'generating', retry_count = p_attempt, started_at = coalesce(started_at, now())
  where id = p_item_id and status in ('pending', 'generating');
  if not found then
    return false;
  end if;
  insert into public.generation_logs (order_item_id, level, message, details)
  values (p_item_id, 'INFO', p_message, jsonb_build_object('attempt', p_attempt + 1));
  return true;
end;
$$;

comment on function public.start_order_item_attempt(uuid, int, text) is
  'Marks an item generating for attempt p_attempt (0-based) and logs it; false when the item was cancelled or finished.';

create or replace function public.complete_order_item(p_item_id uuid, p_product jsonb, p_item jsonb, p_log_message text, p_log_details jsonb)
returns uuid language plpgsql set search_path = '' as $$
declare
  product_id uuid;
begin
  perform 1 from public.order_items where id = p_item_id and status in ('pending', 'generating') for update;
  if not found then
    return null;
  end if;
  insert into public.products (order_item_id, project_id, type, file_path, file_size, file_hash, thumbnail_paths, width, height, mime_type, metadata)
  values (p_item_id, (p_product ->> 'project_id')::uuid, p_product ->> 'type', p_product ->> 'file_path', (p_product ->> 'file_size')::bigint,
    p_product ->> 'file_hash', coalesce(p_product -> 'thumbnail_paths', '{}'::jsonb), (p_product ->> 'width')::int, (p_product ->> 'height')::int,
    p_product ->> 'mime_type', coalesce(p_product -> 'metadata', '{}'::jsonb))
  returning id into product_id;
  update public.order_items set
    status = 'complete',
    completed_at = now(),
    actual_parameter_set = p_item -> 'actual_parameter_set',
    return_parameter_set = p_item -> 'return_parameter_set',
    provider_request_id = p_item ->> 'provider_request_id',
    error_message = null
  where id = p_item_id;
  insert into public.generation_logs (order_item_id, level, message, details)
  values (p_item_id, 'INFO', p_log_message, p_log_details || jsonb_build_object('product_id', product_id));
  return product_id;
end;
$$;

comment on function public.complete_order_item(uuid, jsonb, jsonb, text, jsonb) is
  'Records an item''s product, marks the item complete and logs it, all or nothing; null when the item was cancelled or finished meanwhile.';

revoke execute on function public.start_order_item_attempt(uuid, int, text) from public, anon, authenticated;
revoke execute on function public.complete_order_item(uuid, jsonb, jsonb, text, jsonb) from public, anon, authenticated;
grant execute on function public.start_order_item_attempt(uuid, int, text) to service_role;
grant execute on function public.complete_order_item(uuid, jsonb, jsonb, text, jsonb) to service_role;

-- -----------------------------------------------------------------------------
-- a Studio job that fails (worker lost too often, a step's error) fails the
-- order's unfinished items, so the order finishes with its counts
-- -----------------------------------------------------------------------------
create or replace function public.handle_studio_job_failed()
returns trigger language plpgsql set search_path = '' as $$
begin
  update public.order_items
  set status = 'failed', completed_at = now(), error_message = coalesce(new.error, 'The order''s job failed.')
  where order_id = (new.params ->> 'order_id')::uuid and status in ('pending', 'generating');
  return null;
end;
$$;

comment on function public.handle_studio_job_failed() is
  'Trigger function: when a studio job fails, its order''s pending and generating items fail with the job''s error.';

create trigger agent_jobs_studio_failed
  after update of status on public.agent_jobs
  for each row when (new.agent_type = 'studio' and new.status = 'failed' and old.status is distinct from 'failed')
  execute function public.handle_studio_job_failed();

-- -----------------------------------------------------------------------------
-- cancel: the order, its waiting items and its job, in one transaction
-- -----------------------------------------------------------------------------
create or replace function public.cancel_studio_order(p_order_id uuid)
returns boolean language plpgsql set search_path = '' as $$
declare
  job uuid;
begin
  update public.orders set status = 'cancelled'
  where id = p_order_id and status in ('pending', 'processing')
  returning job_id into job;
  if not found then
    return false;
  end if;
  update public.order_items set status = 'cancelled', completed_at = now()
  where order_id = p_order_id and status in ('pending', 'generating');
  if job is not null then
    perform public.cancel_agent_job(job);
  end if;
  return true;
end;
$$;

comment on function public.cancel_studio_order(uuid) is
  'Cancels an unfinished order: its pending and generating items stop and its job is cancelled (cancel_agent_job); false when it already finished.';

-- -----------------------------------------------------------------------------
-- retention (windows in system_settings)
-- -----------------------------------------------------------------------------
create or replace function public.studio_setting_int(p_key text, p_default int)
returns int language sql stable set search_path = '' as $$
  select coalesce((select (value #>> '{}')::int from public.system_settings where key = p_key), p_default);
$$;

comment on function public.studio_setting_int(text, int) is 'An integer system setting, or the default when unset.';

create or replace function public.studio_files_in_use()
returns setof text language sql stable set search_path = '' as $$
  select file_path from public.products
  union
  select t.path from public.products p, jsonb_each_text(p.thumbnail_paths) t(size, path);
$$;

comment on function public.studio_files_in_use() is 'Object names in the bucket "studio" that a product (live or soft-deleted) references.';

create or replace function public.studio_purge_expired()
returns jsonb language plpgsql set search_path = '' as $$
declare
  logs_deleted int;
  calls_deleted int;
  purged_files text[];
  products_purged int;
  orders_purged int;
  collections_purged int;
  product_window interval := make_interval(days => public.studio_setting_int('retention.deleted_products_days', 90));
begin
  delete from public.generation_logs
  where timestamp < now() - make_interval(days => public.studio_setting_int('retention.generation_logs_days', 30));
  get diagnostics logs_deleted = row_count;

  delete from public.provider_calls where started_at < now() - interval '1 day';
  get diagnostics calls_deleted = row_count;

  with purged as (
    delete from public.products where deleted_at < now() - product_window
    returning file_path, thumbnail_paths
  ), files as (
    select file_path as path from purged
    union select t.path from purged, jsonb_each_text(purged.thumbnail_paths) t(size, path)
  )
  select coalesce(array_agg(path), '{}'), (select count(*) from purged) into purged_files, products_purged from files;

  delete from public.orders where deleted_at < now() - product_window;
  get diagnostics orders_purged = row_count;
  delete from public.collections where deleted_at < now() - product_window;
  get diagnostics collections_purged = row_count;

  return jsonb_build_object(
    'logs_deleted', logs_deleted,
    'provider_calls_deleted', calls_deleted,
    'products_purged', products_purged,
    'orders_purged', orders_purged,
    'collections_purged', collections_purged,
    -- files of purged products that no remaining product shares (dedupe)
    'files_to_remove', coalesce((select jsonb_agg(f) from unnest(purged_files) f
                                 where f not in (select public.studio_files_in_use())), '[]'::jsonb));
end;
$$;

comment on function public.studio_purge_expired() is
  'Retention: deletes generation logs older than retention.generation_logs_days and products, orders, collections soft-deleted longer than retention.deleted_products_days; returns the Storage objects left unreferenced, for the caller to remove.';

create or replace function public.studio_orphaned_files(p_grace_seconds int default 3600)
returns setof text language sql stable set search_path = '' as $$
  select o.name from storage.objects o
  where o.bucket_id = 'studio'
    and o.created_at < now() - make_interval(secs => p_grace_seconds)
    and o.name not in (select public.studio_files_in_use());
$$;

comment on function public.studio_orphaned_files(int) is
  'Objects in the bucket "studio" no product references, older than the grace period (uploads in progress are spared).';

revoke execute on function public.acquire_provider_slot(text, uuid, int) from public, anon, authenticated;
revoke execute on function public.cancel_studio_order(uuid) from public, anon, authenticated;
revoke execute on function public.studio_files_in_use() from public, anon, authenticated;
revoke execute on function public.studio_purge_expired() from public, anon, authenticated;
revoke execute on function public.studio_orphaned_files(int) from public, anon, authenticated;
grant execute on function public.acquire_provider_slot(text, uuid, int) to service_role;
grant execute on function public.cancel_studio_order(uuid) to service_role;
grant execute on function public.studio_files_in_use() to service_role;
grant execute on function public.studio_purge_expired() to service_role;
grant execute on function public.studio_orphaned_files(int) to service_role;

-- -----------------------------------------------------------------------------
-- migration_history: the Supabase CLI's own record
-- -----------------------------------------------------------------------------
create view public.migration_history with (security_invoker = true) as
  select version, null::timestamptz as applied_at, name as description
  from supabase_migrations.schema_migrations;

comment on view public.migration_history is 'The applied migrations, served by supabase_migrations.schema_migrations (the CLI records no apply time).';

grant select on public.migration_history to service_role;
grant usage on schema supabase_migrations to service_role;
grant select on supabase_migrations.schema_migrations to service_role;

comment on column public.provider_calls.tokens is 'Tokens the provider reported for the call; null while in flight or when the provider reports none.';
comment on function public.release_provider_slot(bigint, int) is 'Ends a request''s slot, recording the tokens the provider reported for it.';

revoke execute on function public.release_provider_slot(bigint, int) from public, anon, authenticated;
grant execute on function public.release_provider_slot(bigint, int) to service_role;
