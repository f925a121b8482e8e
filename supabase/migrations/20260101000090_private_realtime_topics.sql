-- =============================================================================
-- 0090 Private Realtime topics. The functions broadcast a running stage's text
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
