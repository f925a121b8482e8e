-- Every model call counts toward the job's usage and the owner's month.

-- -----------------------------------------------------------------------------
-- A step that ends without completing its stage (paused by the monthly cap,
-- failed, or stopped after repeated invalid answers) has still paid for the
-- model calls it made: finish_agent_job adds their usage (p_usage) to the job's.
-- -----------------------------------------------------------------------------
create or replace function public.job_usage_plus(p_usage jsonb, p_added jsonb)
returns jsonb language sql immutable set search_path = '' as $$
  select case when p_added is null then p_usage else jsonb_build_object(
    'input_tokens', (p_usage ->> 'input_tokens')::bigint + coalesce((p_added ->> 'input_tokens')::bigint, 0),
    'output_tokens', (p_usage ->> 'output_tokens')::bigint + coalesce((p_added ->> 'output_tokens')::bigint, 0),
    'cost_usd', (p_usage ->> 'cost_usd')::numeric + coalesce((p_added ->> 'cost_usd')::numeric, 0)) end;
$$;

comment on function public.job_usage_plus(jsonb, jsonb) is
  'A job''s usage totals (input_tokens, output_tokens, cost_usd) plus p_added''s; p_usage when p_added is null.';

drop function public.finish_agent_job(uuid, text, text, jsonb, text);

create function public.finish_agent_job(p_job_id uuid, p_worker text, p_status text, p_result jsonb default null, p_error text default null, p_usage jsonb default null)
returns boolean language plpgsql set search_path = '' as $$
begin
  if p_status not in ('completed', 'failed', 'waiting_for_input') then
    raise exception 'finish_agent_job: % is not a status a worker may set', p_status using errcode = '22023';
  end if;
  update public.agent_jobs
  set status = p_status, result = coalesce(p_result, result), error = p_error, usage = public.job_usage_plus(usage, p_usage),
      progress = case when p_status = 'completed' then 100 else progress end, stage = null, leased_by = null, lease_expires_at = null
  where id = p_job_id and status in ('running', 'paused') and leased_by = p_worker;
  if not found then
    return false;
  end if;
  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'job_' || p_status, case when p_error is null then '{}'::jsonb else jsonb_build_object('error', p_error) end);
  return true;
end;
$$;

comment on function public.finish_agent_job(uuid, text, text, jsonb, text, jsonb) is
  'Ends a run (completed with result, failed with error) or pauses it (waiting_for_input with the questions in result), releasing the lease; p_usage is what the step''s unrecorded model calls cost.';

-- -----------------------------------------------------------------------------
-- Chat replies written with a user's paid model cost money too: the month's
-- spend adds the cost each assistant reply recorded (metadata.usage). Only the
-- service role writes assistant rows, so an owner cannot lower their spend.
-- -----------------------------------------------------------------------------
create or replace function public.user_month_spend(p_user_id uuid)
returns table (month_spend_usd numeric, monthly_cap_usd numeric) language sql stable set search_path = '' as $$
  with month as (select date_trunc('month', now() at time zone 'utc') at time zone 'utc' as start)
  select
    coalesce((select sum((j.usage ->> 'cost_usd')::numeric) from public.agent_jobs j, month
              where j.user_id = p_user_id and j.created_at >= month.start), 0)
    + coalesce((select sum((m.metadata -> 'usage' ->> 'cost_usd')::numeric) from public.chat_messages m, month
                where m.user_id = p_user_id and m.role = 'assistant' and m.created_at >= month.start), 0),
    (select s.monthly_cap_usd from public.user_llm_settings s where s.user_id = p_user_id);
$$;

comment on function public.user_month_spend(uuid) is
  'The user''s spend this UTC calendar month (the cost of the jobs created in it and of the chat replies written in it) and their monthly cap (null: none).';

revoke execute on function public.job_usage_plus(jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.job_usage_plus(jsonb, jsonb) to service_role;
revoke execute on function public.finish_agent_job(uuid, text, text, jsonb, text, jsonb) from public, anon, authenticated;
grant execute on function public.finish_agent_job(uuid, text, text, jsonb, text, jsonb) to service_role;
