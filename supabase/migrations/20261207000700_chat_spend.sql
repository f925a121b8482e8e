-- Chat replies written with a user's paid model cost money too: the month's
-- spend adds the cost each assistant reply recorded (metadata.usage). Only the
-- service role writes assistant rows, so an owner cannot lower their spend.
create or replace function public.user_month_spend(p_user_id uuid)
returns table (month_spend_usd numeric, monthly_cap_usd numeric)
language sql
stable
set search_path = ''
as $$
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
