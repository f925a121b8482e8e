-- =============================================================================
-- 0080 Storage objects left behind by deleted rows. Deleting a thread (its
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
returns trigger
language plpgsql
-- Security definer: the deleting user (a REST delete of their thread or project)
-- has no access to storage_garbage, yet their delete must queue the objects.
security definer
set search_path = ''
as $$
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
