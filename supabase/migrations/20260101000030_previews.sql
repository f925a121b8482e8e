-- =============================================================================
-- 0030 previews: a bundle
-- of a project's app in Storage, served by an unguessable token until
-- expires_at; a sweeper then moves each session EXPIRED → SOFT_DELETED →
-- PURGED, recording every step exactly once. Owners read; only the service
-- role (the `preview` function) writes.
-- =============================================================================

create table public.preview_sessions (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null,
  preview_token text not null unique check (length(preview_token) >= 32),
  status text default 'PENDING' not null
    check (status in ('PENDING', 'READY', 'FAILED', 'EXPIRED', 'SOFT_DELETED', 'PURGED')),
  bundle_path text,
  bundle_bytes int,
  build_ms int,
  error text,
  expires_at timestamptz not null,
  deleted_at timestamptz,
  purged_at timestamptz,
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null
);

comment on table public.preview_sessions is 'A running preview of a project''s app: its bundle in the Storage bucket "previews", served by preview_token until expires_at.';
comment on column public.preview_sessions.project_id is 'The project whose files were bundled.';
comment on column public.preview_sessions.user_id is 'The owner who started the preview (copied from the project for RLS without a join).';
comment on column public.preview_sessions.preview_token is 'Unguessable token (256 random bits, base64url) that serves the bundle to anyone holding it.';
comment on column public.preview_sessions.status is 'PENDING (bundling) → READY (served) or FAILED; then EXPIRED → SOFT_DELETED → PURGED by the sweeper.';
comment on column public.preview_sessions.bundle_path is 'Object path of the bundled HTML in the bucket "previews"; null before READY and after PURGED.';
comment on column public.preview_sessions.bundle_bytes is 'Size of the bundle in bytes.';
comment on column public.preview_sessions.build_ms is 'How long esbuild took, in milliseconds.';
comment on column public.preview_sessions.error is 'Why bundling failed (status FAILED).';
comment on column public.preview_sessions.expires_at is 'After this instant the token no longer serves the bundle.';
comment on column public.preview_sessions.deleted_at is 'When the sweeper soft-deleted the session.';
comment on column public.preview_sessions.purged_at is 'When the sweeper removed the bundle from Storage.';

create index preview_sessions_project_id_idx on public.preview_sessions (project_id);
create index preview_sessions_user_id_idx on public.preview_sessions (user_id);
create index preview_sessions_sweep_idx on public.preview_sessions (expires_at) where status not in ('PURGED');

create trigger preview_sessions_updated_at
  before update on public.preview_sessions
  for each row execute function public.handle_updated_at();

alter table public.preview_sessions enable row level security;

create policy "Owners can view their preview sessions"
  on public.preview_sessions for select to authenticated
  using ((select auth.uid()) = user_id);

create table public.preview_cleanup_events (
  id bigint generated always as identity primary key,
  preview_session_id uuid references public.preview_sessions(id) on delete cascade not null,
  stage text not null check (stage in ('EXPIRED', 'SOFT_DELETED', 'PURGED')),
  created_at timestamptz default now() not null,
  unique (preview_session_id, stage)
);

comment on table public.preview_cleanup_events is 'The sweeper''s steps for a preview session, one row per stage (unique: a stage is never recorded twice).';
comment on column public.preview_cleanup_events.preview_session_id is 'The session the step was applied to.';
comment on column public.preview_cleanup_events.stage is 'EXPIRED (token stops working), SOFT_DELETED (hidden, bundle kept), PURGED (bundle removed).';

alter table public.preview_cleanup_events enable row level security;

create policy "Owners can view the cleanup of their previews"
  on public.preview_cleanup_events for select to authenticated
  using (exists (select 1 from public.preview_sessions s where s.id = preview_session_id and s.user_id = (select auth.uid())));

-- The bundles: private, read and written by the service role only.
insert into storage.buckets (id, name, public) values ('previews', 'previews', false)
on conflict (id) do nothing;

-- -----------------------------------------------------------------------------
-- the sweeper: each transition is a conditional update of one row (row lock),
-- so two sweepers at once record each stage once; the unique key backs it up.
-- -----------------------------------------------------------------------------
create or replace function public.sweep_preview_sessions(p_soft_delete_after interval, p_purge_after interval)
returns table (id uuid, bundle_path text)
language plpgsql
set search_path = ''
as $$
begin
  with expired as (
    update public.preview_sessions s set status = 'EXPIRED'
    where s.status in ('PENDING', 'READY', 'FAILED') and s.expires_at <= now()
    returning s.id
  )
  insert into public.preview_cleanup_events (preview_session_id, stage)
  select e.id, 'EXPIRED' from expired e
  on conflict do nothing;

  with soft as (
    update public.preview_sessions s set status = 'SOFT_DELETED', deleted_at = now()
    where s.status = 'EXPIRED' and s.expires_at + p_soft_delete_after <= now()
    returning s.id
  )
  insert into public.preview_cleanup_events (preview_session_id, stage)
  select d.id, 'SOFT_DELETED' from soft d
  on conflict do nothing;

  -- Due for purging: the caller removes the bundles, then calls purge_preview_session.
  return query
    select s.id, s.bundle_path from public.preview_sessions s
    where s.status = 'SOFT_DELETED' and s.deleted_at + p_purge_after <= now();
end;
$$;

comment on function public.sweep_preview_sessions(interval, interval) is
  'Expires sessions past expires_at, soft-deletes those expired longer than p_soft_delete_after (one cleanup event each), and lists the soft-deleted ones older than p_purge_after whose bundles are to be removed.';

create or replace function public.purge_preview_session(p_session_id uuid)
returns boolean
language plpgsql
set search_path = ''
as $$
begin
  update public.preview_sessions set status = 'PURGED', purged_at = now(), bundle_path = null
  where id = p_session_id and status = 'SOFT_DELETED';
  if not found then
    return false;
  end if;
  insert into public.preview_cleanup_events (preview_session_id, stage) values (p_session_id, 'PURGED')
  on conflict do nothing;
  return true;
end;
$$;

comment on function public.purge_preview_session(uuid) is
  'Marks a soft-deleted session PURGED once its bundle is removed, recording the step once; false when another sweeper already did.';

revoke execute on function public.sweep_preview_sessions(interval, interval) from public, anon, authenticated;
revoke execute on function public.purge_preview_session(uuid) from public, anon, authenticated;
grant execute on function public.sweep_preview_sessions(interval, interval) to service_role;
grant execute on function public.purge_preview_session(uuid) to service_role;
