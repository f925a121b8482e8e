-- =============================================================================
-- 0040 chat:
-- threads per user with a real foreign key to the project they build (the seed's
-- "[chat-thread:ID]" description marker, done properly), messages from the user,
-- the assistant and the agents, attachments kept in the Storage bucket
-- "attachments", and stage outputs attached to agent messages. Users write their
-- own threads and user messages; assistant/agent messages and artifacts are
-- written by the backend (service role) only.
-- =============================================================================

create table public.chat_threads (
  id uuid default extensions.uuid_generate_v4() primary key,
  user_id uuid default auth.uid() references public.profiles(id) on delete cascade not null,
  project_id uuid references public.projects(id) on delete set null,
  title text default 'New chat' not null check (char_length(title) between 1 and 200),
  last_message_at timestamptz,
  last_message_preview text,
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null
);

comment on table public.chat_threads is 'A conversation with the agents; runs started in it build the thread''s project.';
comment on column public.chat_threads.user_id is 'The owner of the thread.';
comment on column public.chat_threads.project_id is 'The project the thread builds: set by the first build request, reused by every later run.';
comment on column public.chat_threads.title is 'Shown in the thread list (1-200 characters).';
comment on column public.chat_threads.last_message_at is 'When the newest message was written (the thread list sorts by it).';
comment on column public.chat_threads.last_message_preview is 'The start of the newest message, for the thread list.';

create index chat_threads_user_id_idx on public.chat_threads (user_id, last_message_at desc nulls last);
create index chat_threads_project_id_idx on public.chat_threads (project_id);

create trigger chat_threads_updated_at
  before update on public.chat_threads
  for each row execute function public.handle_updated_at();

alter table public.chat_threads enable row level security;

create policy "Users can view their threads"
  on public.chat_threads for select to authenticated
  using ((select auth.uid()) = user_id);
create policy "Users can start threads on their own projects"
  on public.chat_threads for insert to authenticated
  with check ((select auth.uid()) = user_id and (project_id is null or exists (
    select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid()))));
create policy "Users can rename their threads"
  on public.chat_threads for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id and (project_id is null or exists (
    select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid()))));
create policy "Users can delete their threads"
  on public.chat_threads for delete to authenticated
  using ((select auth.uid()) = user_id);

-- -----------------------------------------------------------------------------
-- chat_messages
-- -----------------------------------------------------------------------------
create table public.chat_messages (
  id uuid default extensions.uuid_generate_v4() primary key,
  thread_id uuid references public.chat_threads(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null,
  role text not null check (role in ('user', 'assistant', 'agent')),
  content text not null check (char_length(content) between 1 and 20000),
  metadata jsonb default '{}'::jsonb not null,
  status text default 'complete' not null check (status in ('complete', 'failed')),
  error text,
  job_id uuid references public.agent_jobs(id) on delete set null,
  created_at timestamptz default now() not null
);

comment on table public.chat_messages is 'Messages of a thread: the user''s, the assistant''s replies (stored once streamed in full) and the agents'' run progress.';
comment on column public.chat_messages.thread_id is 'The thread the message belongs to.';
comment on column public.chat_messages.user_id is 'The thread''s owner, copied on insert so RLS and Realtime need no join.';
comment on column public.chat_messages.role is 'user, assistant (the chat reply) or agent (progress of a run).';
comment on column public.chat_messages.content is 'The text (a run uses at most the first 5,000 characters of a user message).';
comment on column public.chat_messages.metadata is 'generatedFileMap, runMode, stage, truncated, reply_to, …';
comment on column public.chat_messages.status is 'complete, or failed (the user message''s run or reply failed; it can be retried).';
comment on column public.chat_messages.error is 'Why the message failed, in words.';
comment on column public.chat_messages.job_id is 'The run the message started or reports on.';

create index chat_messages_thread_id_idx on public.chat_messages (thread_id, created_at);
create index chat_messages_user_id_idx on public.chat_messages (user_id);
create index chat_messages_job_id_idx on public.chat_messages (job_id);

create or replace function public.handle_chat_message_insert()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- Runs as the writer: a thread the writer cannot see leaves user_id null and the insert fails.
  select t.user_id into new.user_id from public.chat_threads t where t.id = new.thread_id;
  return new;
end;
$$;

comment on function public.handle_chat_message_insert() is 'Trigger function: copies the thread''s owner into chat_messages.user_id.';

create trigger chat_messages_owner
  before insert on public.chat_messages
  for each row execute function public.handle_chat_message_insert();

create or replace function public.handle_chat_message_written()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  update public.chat_threads
  set last_message_at = new.created_at, last_message_preview = left(new.content, 140)
  where id = new.thread_id;
  return null;
end;
$$;

comment on function public.handle_chat_message_written() is 'Trigger function: keeps the thread''s last message time and preview current.';

create trigger chat_messages_thread_summary
  after insert on public.chat_messages
  for each row execute function public.handle_chat_message_written();

alter table public.chat_messages enable row level security;

create policy "Users can view the messages of their threads"
  on public.chat_messages for select to authenticated
  using ((select auth.uid()) = user_id);
create policy "Users can write user messages in their threads"
  on public.chat_messages for insert to authenticated
  with check ((select auth.uid()) = user_id and role = 'user' and status = 'complete' and job_id is null);

-- -----------------------------------------------------------------------------
-- message_attachments: files in the Storage bucket "attachments"
-- -----------------------------------------------------------------------------
create table public.message_attachments (
  id uuid default extensions.uuid_generate_v4() primary key,
  thread_id uuid references public.chat_threads(id) on delete cascade not null,
  message_id uuid references public.chat_messages(id) on delete cascade not null,
  user_id uuid default auth.uid() references public.profiles(id) on delete cascade not null,
  storage_path text not null unique,
  original_name text not null check (char_length(original_name) between 1 and 255),
  mime_type text not null,
  size_bytes bigint not null check (size_bytes between 0 and 10485760),
  created_at timestamptz default now() not null
);

comment on table public.message_attachments is 'Files attached to a user message; the bytes live in the Storage bucket "attachments".';
comment on column public.message_attachments.thread_id is 'The thread of the message.';
comment on column public.message_attachments.message_id is 'The message the file is attached to.';
comment on column public.message_attachments.user_id is 'The owner (who uploaded it).';
comment on column public.message_attachments.storage_path is 'Object name in the bucket "attachments": {user_id}/{thread_id}/{uuid}-{name}.';
comment on column public.message_attachments.original_name is 'The file name as uploaded.';
comment on column public.message_attachments.mime_type is 'The file''s MIME type.';
comment on column public.message_attachments.size_bytes is 'Size in bytes (at most 10 MiB, the bucket''s limit).';

create index message_attachments_thread_id_idx on public.message_attachments (thread_id);
create index message_attachments_message_id_idx on public.message_attachments (message_id);
create index message_attachments_user_id_idx on public.message_attachments (user_id);

alter table public.message_attachments enable row level security;

create policy "Users can view their attachments"
  on public.message_attachments for select to authenticated
  using ((select auth.uid()) = user_id);
create policy "Users can attach their uploads to their own messages"
  on public.message_attachments for insert to authenticated
  with check (
    (select auth.uid()) = user_id
    and split_part(storage_path, '/', 1) = (select auth.uid())::text
    and exists (select 1 from public.chat_messages m
                where m.id = message_id and m.thread_id = message_attachments.thread_id
                  and m.user_id = (select auth.uid()) and m.role = 'user'));

-- -----------------------------------------------------------------------------
-- message_artifacts: a stage's output attached to the agent message reporting it
-- -----------------------------------------------------------------------------
create table public.message_artifacts (
  id uuid default extensions.uuid_generate_v4() primary key,
  message_id uuid references public.chat_messages(id) on delete cascade not null unique,
  user_id uuid references public.profiles(id) on delete cascade not null,
  job_artifact_id uuid references public.job_artifacts(id) on delete set null,
  payload jsonb not null,
  created_at timestamptz default now() not null
);

comment on table public.message_artifacts is 'What an agent message carries (seed 000): requirementsArtifact, architectureArtifact, generatedFileMap, review.';
comment on column public.message_artifacts.message_id is 'The agent message (at most one artifact each).';
comment on column public.message_artifacts.user_id is 'The thread''s owner.';
comment on column public.message_artifacts.job_artifact_id is 'The stage artifact the payload was taken from (its full content, or bundle, is there).';
comment on column public.message_artifacts.payload is 'The part of the stage output the chat shows inline.';

create index message_artifacts_user_id_idx on public.message_artifacts (user_id);
create index message_artifacts_job_artifact_id_idx on public.message_artifacts (job_artifact_id);

alter table public.message_artifacts enable row level security;

create policy "Users can view the artifacts of their messages"
  on public.message_artifacts for select to authenticated
  using ((select auth.uid()) = user_id);

alter publication supabase_realtime add table public.chat_threads, public.chat_messages;

-- -----------------------------------------------------------------------------
-- post_chat_message: a user message and its attachments, all or nothing.
-- Security invoker: RLS decides, as for a plain insert.
-- -----------------------------------------------------------------------------
create or replace function public.post_chat_message(
  p_thread_id uuid,
  p_content text,
  p_metadata jsonb default '{}'::jsonb,
  p_attachments jsonb default '[]'::jsonb
)
returns public.chat_messages
language plpgsql
set search_path = ''
as $$
declare
  message public.chat_messages;
begin
  insert into public.chat_messages (thread_id, user_id, role, content, metadata)
  values (p_thread_id, auth.uid(), 'user', p_content, coalesce(p_metadata, '{}'::jsonb))
  returning * into message;
  insert into public.message_attachments (thread_id, message_id, user_id, storage_path, original_name, mime_type, size_bytes)
  select p_thread_id, message.id, auth.uid(), a ->> 'storage_path', a ->> 'original_name', a ->> 'mime_type', (a ->> 'size_bytes')::bigint
  from jsonb_array_elements(coalesce(p_attachments, '[]'::jsonb)) a;
  return message;
end;
$$;

comment on function public.post_chat_message(uuid, text, jsonb, jsonb) is
  'Writes a user message with its attachments ([{storage_path, original_name, mime_type, size_bytes}]) in one transaction, as the caller.';

revoke execute on function public.post_chat_message(uuid, text, jsonb, jsonb) from public, anon;
grant execute on function public.post_chat_message(uuid, text, jsonb, jsonb) to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- start_chat_run: the thread's project (created on the first build), the queued
-- job and the agent message announcing it, in one transaction. Service role only:
-- the chat function checks the caller owns the thread and message first.
-- -----------------------------------------------------------------------------
create or replace function public.start_chat_run(
  p_thread_id uuid,
  p_message_id uuid,
  p_agent_type text,
  p_params jsonb,
  p_project_title text,
  p_announcement text
)
returns table (job_id uuid, project_id uuid, created_project boolean)
language plpgsql
set search_path = ''
as $$
declare
  thread public.chat_threads;
  new_project boolean := false;
  job uuid;
  budget jsonb;
begin
  select * into thread from public.chat_threads t where t.id = p_thread_id for update;
  if not found then
    raise exception 'start_chat_run: no thread %', p_thread_id using errcode = 'P0002';
  end if;
  if thread.project_id is null then
    insert into public.projects (user_id, title, description, mode)
    values (thread.user_id, left(p_project_title, 200), 'Built in a chat thread.', 'builder')
    returning id into thread.project_id;
    update public.chat_threads
    set project_id = thread.project_id,
        title = case when title = 'New chat' then left(p_project_title, 200) else title end
    where id = p_thread_id;
    new_project := true;
  end if;
  select case when jsonb_typeof(p.settings -> 'budget') = 'object' and p.settings -> 'budget' <> '{}'::jsonb
              then p.settings -> 'budget' end
  into budget from public.projects p where p.id = thread.project_id;

  insert into public.agent_jobs (project_id, user_id, agent_type, params, budget)
  values (thread.project_id, thread.user_id, p_agent_type,
          coalesce(p_params, '{}'::jsonb) || jsonb_build_object('thread_id', p_thread_id, 'message_id', p_message_id), budget)
  returning id into job;

  update public.chat_messages set job_id = job, status = 'complete', error = null
  where id = p_message_id and thread_id = p_thread_id;
  if not found then
    raise exception 'start_chat_run: message % is not in thread %', p_message_id, p_thread_id using errcode = 'P0002';
  end if;

  insert into public.chat_messages (thread_id, role, content, metadata, job_id)
  values (p_thread_id, 'agent', p_announcement,
          jsonb_build_object('runMode', p_agent_type, 'event', 'run_started', 'project_id', thread.project_id), job);

  return query select job, thread.project_id, new_project;
end;
$$;

comment on function public.start_chat_run(uuid, uuid, text, jsonb, text, text) is
  'Starts a run from a user message: creates the thread''s project on the first build (reused after), queues the job and announces it, all or nothing.';

revoke execute on function public.start_chat_run(uuid, uuid, text, jsonb, text, text) from public, anon, authenticated;
grant execute on function public.start_chat_run(uuid, uuid, text, jsonb, text, text) to service_role;
