-- =============================================================================
-- Baseline previews comments: preview sessions, comment threads, comments and notifications
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- =============================================================================

-- =============================================================================
-- previews: a bundle
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

-- -----------------------------------------------------------------------------
-- the sweeper: each transition is a conditional update of one row (row lock),
-- so two sweepers at once record each stage once; the unique key backs it up.
-- -----------------------------------------------------------------------------
create or replace function public.sweep_preview_sessions(p_soft_delete_after interval, p_purge_after interval)
returns table (id uuid, bundle_path text) language plpgsql set search_path = '' as $$
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
returns boolean language plpgsql set search_path = '' as $$
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

-- =============================================================================
-- comments and notifications: threads anchored to a file and a
-- line range, comments by the owner (USER) or by an explain job (AI, written by
-- the database when the job completes, never by a client), and notifications
-- for the owner: a job finished or failed, a review is requested, a comment
-- was added by someone else. Both published to Realtime.
-- =============================================================================

create table public.comment_threads (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null default auth.uid(),
  file_path text not null check (length(file_path) between 1 and 500),
  line_start int not null check (line_start >= 1),
  line_end int not null,
  resolved boolean default false not null,
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null,
  check (line_end >= line_start)
);

comment on table public.comment_threads is 'A discussion anchored to lines line_start..line_end of a project file (shown in the editor''s gutter).';
comment on column public.comment_threads.project_id is 'The project whose file is discussed.';
comment on column public.comment_threads.user_id is 'Who opened the thread (the project owner).';
comment on column public.comment_threads.file_path is 'Path of the file in project_files.';
comment on column public.comment_threads.line_start is 'First line of the range, 1-based.';
comment on column public.comment_threads.line_end is 'Last line of the range, inclusive.';
comment on column public.comment_threads.resolved is 'True once the owner closed the discussion.';

create index comment_threads_project_id_idx on public.comment_threads (project_id, file_path);
create index comment_threads_user_id_idx on public.comment_threads (user_id);

create trigger comment_threads_updated_at
  before update on public.comment_threads
  for each row execute function public.handle_updated_at();

alter table public.comment_threads enable row level security;

create policy "Owners can view the threads of their projects"
  on public.comment_threads for select to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

create policy "Owners can open threads on their projects"
  on public.comment_threads for insert to authenticated
  with check (user_id = (select auth.uid()) and exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

create policy "Owners can resolve the threads of their projects"
  on public.comment_threads for update to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())))
  with check (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

create policy "Owners can delete the threads of their projects"
  on public.comment_threads for delete to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

create table public.comments (
  id uuid default extensions.uuid_generate_v4() primary key,
  thread_id uuid references public.comment_threads(id) on delete cascade not null,
  author_id uuid references public.profiles(id) on delete cascade,
  author_type text not null check (author_type in ('USER', 'AI')),
  body text not null check (length(body) between 1 and 20000),
  job_id uuid references public.agent_jobs(id) on delete set null,
  created_at timestamptz default now() not null,
  check ((author_type = 'USER' and author_id is not null) or (author_type = 'AI' and author_id is null))
);

comment on table public.comments is 'Comments of a thread: by a user, or by the AI (an explain job''s answer, written by the database only).';
comment on column public.comments.thread_id is 'The thread the comment belongs to.';
comment on column public.comments.author_id is 'The user who wrote it; null for AI comments.';
comment on column public.comments.author_type is 'USER or AI.';
comment on column public.comments.body is 'The comment''s text (Markdown).';
comment on column public.comments.job_id is 'For AI comments: the explain job that wrote the answer.';

create index comments_thread_id_idx on public.comments (thread_id, created_at);
create index comments_author_id_idx on public.comments (author_id);
create index comments_job_id_idx on public.comments (job_id);

alter table public.comments enable row level security;

create policy "Owners can view the comments on their projects"
  on public.comments for select to authenticated
  using (exists (
    select 1 from public.comment_threads t join public.projects p on p.id = t.project_id
    where t.id = thread_id and p.user_id = (select auth.uid())));

-- Users write only as themselves; AI comments have no insert policy (service role / trigger only).
create policy "Owners can comment as themselves on their projects"
  on public.comments for insert to authenticated
  with check (author_type = 'USER' and author_id = (select auth.uid()) and exists (
    select 1 from public.comment_threads t join public.projects p on p.id = t.project_id
    where t.id = thread_id and p.user_id = (select auth.uid())));

create policy "Authors can delete their comments"
  on public.comments for delete to authenticated
  using (author_type = 'USER' and author_id = (select auth.uid()));

create table public.notifications (
  id uuid default extensions.uuid_generate_v4() primary key,
  user_id uuid references public.profiles(id) on delete cascade not null,
  type text not null check (type in ('job_completed', 'job_failed', 'review_requested', 'comment_added')),
  payload jsonb default '{}'::jsonb not null,
  read_at timestamptz,
  created_at timestamptz default now() not null
);

comment on table public.notifications is 'What happened for a user while they looked elsewhere; written by triggers, read and marked read by the user.';
comment on column public.notifications.user_id is 'The user notified.';
comment on column public.notifications.type is 'job_completed, job_failed, review_requested or comment_added.';
comment on column public.notifications.payload is 'Details: project_id, job_id, agent_type, thread_id, comment_id, excerpt, …';
comment on column public.notifications.read_at is 'When the user marked it read; null while unread.';

create index notifications_user_id_idx on public.notifications (user_id, created_at desc);
create index notifications_unread_idx on public.notifications (user_id) where read_at is null;

alter table public.notifications enable row level security;

create policy "Users can view their notifications"
  on public.notifications for select to authenticated
  using ((select auth.uid()) = user_id);

create policy "Users can mark their notifications read"
  on public.notifications for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

create or replace function public.handle_notification_update()
returns trigger language plpgsql set search_path = '' as $$
begin
  if (new.user_id, new.type, new.payload, new.created_at) is distinct from (old.user_id, old.type, old.payload, old.created_at) then
    raise exception 'only read_at of a notification can change' using errcode = '42501';
  end if;
  return new;
end;
$$;

comment on function public.handle_notification_update() is
  'Trigger function: a notification is a record; marking it read (read_at) is the only change allowed.';

create trigger notifications_only_read_at
  before update on public.notifications
  for each row execute function public.handle_notification_update();

-- -----------------------------------------------------------------------------
-- triggers: job outcomes → notifications (+ an explain answer → AI comment);
-- comments by someone other than the owner → notification
-- -----------------------------------------------------------------------------

-- security definer: the job's status is changed by the service role, but the
-- comment and notification rows it implies have no insert policy for anyone.
create or replace function public.handle_agent_job_outcome()
returns trigger language plpgsql security definer set search_path = '' as $$
declare
  kind text := case new.status
    when 'completed' then 'job_completed'
    when 'failed' then 'job_failed'
    when 'awaiting_review' then 'review_requested'
  end;
  thread uuid := nullif(new.params ->> 'thread_id', '')::uuid;
begin
  if kind is null or old.status is not distinct from new.status then
    return new;
  end if;
  if new.agent_type = 'explain' and thread is not null and new.status in ('completed', 'failed') then
    insert into public.comments (thread_id, author_type, body, job_id)
    select t.id, 'AI',
      case when new.status = 'completed' then coalesce(new.result ->> 'answer', '(no answer)')
        else 'I could not answer: ' || coalesce(new.error, 'the job failed') end,
      new.id
    from public.comment_threads t where t.id = thread and t.project_id = new.project_id;
  end if;
  insert into public.notifications (user_id, type, payload)
  values (new.user_id, kind, jsonb_strip_nulls(jsonb_build_object(
    'job_id', new.id, 'project_id', new.project_id, 'agent_type', new.agent_type,
    'review_kind', to_jsonb(new) ->> 'review_kind', 'error', new.error)));
  return new;
end;
$$;

comment on function public.handle_agent_job_outcome() is
  'Trigger function: notifies the owner when a job completes, fails or awaits review; an explain job asked from a thread posts its answer there as an AI comment.';

revoke execute on function public.handle_agent_job_outcome() from public, anon, authenticated;

create trigger agent_jobs_outcome
  after update of status on public.agent_jobs
  for each row execute function public.handle_agent_job_outcome();

-- security definer: the notification goes to the project owner, whose rows the writer cannot insert.
create or replace function public.handle_comment_insert()
returns trigger language plpgsql security definer set search_path = '' as $$
begin
  insert into public.notifications (user_id, type, payload)
  select p.user_id, 'comment_added', jsonb_build_object(
    'project_id', p.id, 'thread_id', t.id, 'comment_id', new.id, 'file_path', t.file_path,
    'line_start', t.line_start, 'author_type', new.author_type, 'excerpt', left(new.body, 140))
  from public.comment_threads t join public.projects p on p.id = t.project_id
  where t.id = new.thread_id and p.user_id is distinct from new.author_id;
  return new;
end;
$$;

comment on function public.handle_comment_insert() is
  'Trigger function: tells the project owner about a comment someone else (the AI) added.';

revoke execute on function public.handle_comment_insert() from public, anon, authenticated;

create trigger comments_notify
  after insert on public.comments
  for each row execute function public.handle_comment_insert();
