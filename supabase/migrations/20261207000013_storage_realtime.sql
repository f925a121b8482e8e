-- =============================================================================
-- Baseline storage realtime: Storage buckets and their policies, Storage garbage, private Realtime topics, the Realtime publication
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- =============================================================================

-- =============================================================================
-- Storage objects left behind by deleted rows. Deleting a thread (its
-- message_attachments cascade) or a project (its project_documents and, through
-- agent_jobs, its job_artifacts cascade) queues the rows' Storage objects here,
-- in the same transaction as the delete, whoever deleted them (REST, a cascade,
-- the backend). The worker's sweep (pg_cron / the local scheduler) removes the
-- objects through the Storage API, which deletes the bytes too, then the rows.
-- =============================================================================

create table public.storage_garbage (
  id bigint generated always as identity primary key,
  bucket text not null,
  path text not null,
  queued_at timestamptz default now() not null
);

comment on table public.storage_garbage is 'Storage objects whose rows were deleted, waiting for the worker''s sweep to remove them. Service role only.';
comment on column public.storage_garbage.id is 'Queue order.';
comment on column public.storage_garbage.bucket is 'The Storage bucket of the object.';
comment on column public.storage_garbage.path is 'The object name in the bucket.';
comment on column public.storage_garbage.queued_at is 'When the row that referenced the object was deleted.';

-- RLS on and no policy: only the service role (the sweep) reads or writes it.
alter table public.storage_garbage enable row level security;

create or replace function public.queue_storage_garbage()
returns trigger language plpgsql
-- Security definer: the deleting user (a REST delete of their thread or project)
-- has no access to storage_garbage, yet their delete must queue the objects.
security definer set search_path = '' as $$
declare
  object_path text := to_jsonb(old) ->> tg_argv[1];
begin
  if object_path is not null then
    insert into public.storage_garbage (bucket, path) values (tg_argv[0], object_path);
  end if;
  return old;
end;
$$;

comment on function public.queue_storage_garbage() is
  'Trigger function (arguments: bucket, column): queues the deleted row''s Storage object for the worker''s sweep.';

revoke execute on function public.queue_storage_garbage() from public, anon, authenticated;

create trigger message_attachments_queue_storage_garbage
  after delete on public.message_attachments
  for each row execute function public.queue_storage_garbage('attachments', 'storage_path');

create trigger project_documents_queue_storage_garbage
  after delete on public.project_documents
  for each row execute function public.queue_storage_garbage('documents', 'storage_path');

create trigger job_artifacts_queue_storage_garbage
  after delete on public.job_artifacts
  for each row execute function public.queue_storage_garbage('artifacts', 'bundle_path');

-- =============================================================================
-- Private Realtime topics. The functions broadcast a running stage's text
-- on `job:{job_id}` and the assistant's streamed replies on `chat:{thread_id}`
-- as private messages; Realtime lets a client join such a channel only when a
-- policy on realtime.messages lets it SELECT the topic's broadcast row, checked
-- with the client's JWT and realtime.topic() set to the channel's topic.
-- No insert policy: only the service role (the functions) sends on these topics.
-- =============================================================================

-- The topic is matched against the uuid pattern before the cast, so any other
-- text is simply not a topic of the user's (never a cast error), and the job or
-- thread is found by its primary key.
create policy "Users can listen to the broadcasts of their jobs and chat threads"
  on realtime.messages for select to authenticated
  using (
    extension = 'broadcast'
    and (
      exists (
        select 1 from public.agent_jobs j
        where j.id = (case when (select realtime.topic()) ~ '^job:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                           then substr((select realtime.topic()), 5)::uuid end)
          and j.user_id = (select auth.uid()))
      or exists (
        select 1 from public.chat_threads t
        where t.id = (case when (select realtime.topic()) ~ '^chat:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                           then substr((select realtime.topic()), 6)::uuid end)
          and t.user_id = (select auth.uid()))
    )
  );

-- -----------------------------------------------------------------------------
-- Realtime
-- -----------------------------------------------------------------------------
alter publication supabase_realtime add table public.projects;
alter publication supabase_realtime add table public.agent_jobs;
alter publication supabase_realtime add table public.job_events;

-- The bundles: private, read and written by the service role only.
insert into storage.buckets (id, name, public) values ('previews', 'previews', false)
on conflict (id) do nothing;

alter publication supabase_realtime add table public.comment_threads;
alter publication supabase_realtime add table public.comments;
alter publication supabase_realtime add table public.notifications;
alter publication supabase_realtime add table public.chat_threads, public.chat_messages;

-- =============================================================================
-- Storage for chat: buckets "attachments" (files on messages), "documents"
-- (project documents the research agent reads) and "artifacts" (stage outputs
-- too large for a job_artifacts row). Objects are named {user_id}/…; only the
-- owner may list, read, write or delete them. Artifacts are written by the
-- backend (service role) only; their owner may read them.
-- =============================================================================

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('attachments', 'attachments', false, 10485760,
   array['text/plain', 'text/markdown', 'text/csv', 'application/json', 'application/pdf',
         'image/png', 'image/jpeg', 'image/gif', 'image/webp']),
  ('documents', 'documents', false, 10485760, array['text/plain', 'text/markdown', 'application/pdf']),
  ('artifacts', 'artifacts', false, 52428800, array['application/json'])
on conflict (id) do update set
  public = excluded.public,
  file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

create policy "Owners can list and read their chat files"
  on storage.objects for select to authenticated
  using (bucket_id in ('attachments', 'documents', 'artifacts')
         and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Owners can upload chat files into their folder"
  on storage.objects for insert to authenticated
  with check (bucket_id in ('attachments', 'documents')
              and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Owners can replace their chat files"
  on storage.objects for update to authenticated
  using (bucket_id in ('attachments', 'documents')
         and (storage.foldername(name))[1] = (select auth.uid())::text)
  with check (bucket_id in ('attachments', 'documents')
              and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Owners can delete their chat files"
  on storage.objects for delete to authenticated
  using (bucket_id in ('attachments', 'documents')
         and (storage.foldername(name))[1] = (select auth.uid())::text);

alter publication supabase_realtime add table public.orders, public.order_items, public.products;

-- -----------------------------------------------------------------------------
-- Storage: products and thumbnails under <user_id>/<project_id>/…, private,
-- readable by their owner, written only by the studio function.
-- -----------------------------------------------------------------------------
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('studio', 'studio', false, 52428800, array['image/png', 'image/jpeg', 'image/webp', 'video/mp4', 'audio/mpeg', 'audio/wav'])
on conflict (id) do nothing;

create policy "Owners can read their studio files"
  on storage.objects for select to authenticated
  using (bucket_id = 'studio' and (storage.foldername(name))[1] = (select auth.uid())::text);

-- -----------------------------------------------------------------------------
-- screenshots: bucket "sandbox", objects named {user_id}/{job_id}/{attempt}/…png,
-- written by the runner (service role), read by their owner only
-- -----------------------------------------------------------------------------
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('sandbox', 'sandbox', false, 5242880, array['image/png'])
on conflict (id) do update set
  public = excluded.public,
  file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

create policy "Owners can read their sandbox screenshots"
  on storage.objects for select to authenticated
  using (bucket_id = 'sandbox' and (storage.foldername(name))[1] = (select auth.uid())::text);
