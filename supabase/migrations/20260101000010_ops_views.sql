-- =============================================================================
-- 0010 ops: job health views for the dashboard's SQL editor. The ops schema is
-- not in the API's exposed schemas, and only the service role may read it.
-- =============================================================================

create schema if not exists ops;
revoke all on schema ops from public, anon, authenticated;
grant usage on schema ops to service_role;

create view ops.job_stats with (security_invoker = true) as
select
  j.agent_type,
  date_trunc('day', j.created_at)::date as day,
  count(*) as jobs,
  count(*) filter (where j.status = 'completed') as completed,
  count(*) filter (where j.status = 'failed') as failed,
  count(*) filter (where j.status = 'cancelled') as cancelled,
  round(
    (count(*) filter (where j.status = 'failed'))::numeric
      / nullif(count(*) filter (where j.status in ('completed', 'failed')), 0),
    3
  ) as failure_rate,
  percentile_cont(0.5) within group (order by extract(epoch from j.completed_at - j.started_at))
    filter (where j.status = 'completed') as p50_seconds,
  percentile_cont(0.95) within group (order by extract(epoch from j.completed_at - j.started_at))
    filter (where j.status = 'completed') as p95_seconds,
  sum((j.usage ->> 'cost_usd')::numeric) as cost_usd
from public.agent_jobs j
group by j.agent_type, date_trunc('day', j.created_at)::date;

comment on view ops.job_stats is 'Per agent type and day: job counts, failure rate, p50/p95 run time of completed jobs, and LLM cost.';

create view ops.stuck_jobs with (security_invoker = true) as
select j.id, j.agent_type, j.status, j.stage, j.attempts, j.max_attempts, j.lease_expires_at, j.leased_by, j.created_at,
  case when j.status = 'running' then 'lease expired' else 'queued for over 5 minutes' end as reason
from public.agent_jobs j
where (j.status = 'running' and j.lease_expires_at < now())
   or (j.status = 'queued' and j.created_at < now() - interval '5 minutes');

comment on view ops.stuck_jobs is 'Running jobs whose lease expired and jobs queued for over 5 minutes: what the sweeper should pick up.';

create view ops.recent_failures with (security_invoker = true) as
select j.id, j.agent_type, j.stage, j.attempts, j.error, j.completed_at, j.project_id, j.user_id
from public.agent_jobs j
where j.status = 'failed' and j.completed_at > now() - interval '7 days'
order by j.completed_at desc;

comment on view ops.recent_failures is 'Jobs that failed in the last 7 days, newest first, with their errors.';

revoke all on all tables in schema ops from public, anon, authenticated;
grant select on all tables in schema ops to service_role;
