-- =============================================================================
-- 0155 "Try to fix again": a pipeline job that ended completed with
-- result.passed false after its fix loop stopped (at the attempt limit, or on a
-- revision that changed nothing or repeated an earlier one) gets more
-- attempts. The stopped fix pass reopens: its artifact is kept as
-- "<stage>:retryN", params.max_fix_attempts rises past the attempts made, and
-- the job is queued again with its fix_retry_requested event, in one
-- transaction. Service role only: the jobs function checks the caller owns the
-- job first.
-- =============================================================================

create or replace function public.retry_fix_loop(p_job_id uuid, p_more int default 3)
returns text
language plpgsql
set search_path = ''
as $$
declare
  job public.agent_jobs;
  reopened text;
  tried int;
  retry int;
begin
  if p_more is null or p_more not between 1 and 10 then
    raise exception 'retry_fix_loop: p_more must be between 1 and 10' using errcode = '22023';
  end if;
  select * into job from public.agent_jobs j where j.id = p_job_id for update;
  if not found or job.status <> 'completed' or job.agent_type <> 'pipeline'
     or jsonb_typeof(job.result -> 'sandbox') is distinct from 'object'
     or (job.result ->> 'passed') is distinct from 'false' then
    return null;
  end if;
  -- The loop ends with the pass that stopped it; a loop that ended on a sandbox
  -- run that never ran (no runner) has nothing to reopen.
  reopened := job.completed_stages[cardinality(job.completed_stages)];
  if reopened is null or reopened !~ '^reviewer_pass_[0-9]+$'
     or not exists (select 1 from public.job_artifacts a where a.job_id = p_job_id and a.stage = reopened and a.content ? 'stopped') then
    return null;
  end if;
  tried := coalesce((job.result -> 'sandbox' ->> 'attempts')::int, substring(reopened from '[0-9]+$')::int);
  select count(*) + 1 into retry from public.job_artifacts a where a.job_id = p_job_id and a.stage like reopened || ':retry%';
  update public.job_artifacts set stage = reopened || ':retry' || retry where job_id = p_job_id and stage = reopened;
  update public.agent_jobs set
    status = 'queued',
    completed_stages = array_remove(completed_stages, reopened),
    completed_at = null,
    error = null,
    result = null,
    params = jsonb_set(params, '{max_fix_attempts}', to_jsonb(tried + p_more))
  where id = p_job_id;
  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'fix_retry_requested',
    jsonb_build_object('stage', reopened, 'retry', retry, 'attempts', tried, 'max_fix_attempts', tried + p_more));
  return 'queued';
end;
$$;

comment on function public.retry_fix_loop(uuid, int) is
  'Try to fix again: a completed pipeline job whose fix loop stopped with result.passed false is queued again with p_more further attempts (params.max_fix_attempts); the stopped fix pass reruns, its earlier output kept as "<stage>:retryN". Returns queued, or null when the job is in no such state.';

revoke execute on function public.retry_fix_loop(uuid, int) from public, anon, authenticated;
grant execute on function public.retry_fix_loop(uuid, int) to service_role;
