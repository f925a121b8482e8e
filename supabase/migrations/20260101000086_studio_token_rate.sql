-- providers.rate_limit_tokens ("tokens per minute") enforced: a
-- call records the tokens its provider reports (OpenAI-compatible images
-- answer with usage.total_tokens), and no new request starts while the calls
-- begun in the last minute reported the limit or more. Tokens are known only
-- once a call ends, so requests already in flight may overshoot it.
alter table public.provider_calls add column tokens int check (tokens >= 0);

comment on column public.provider_calls.tokens is 'Tokens the provider reported for the call; null while in flight or when the provider reports none.';
comment on column public.providers.rate_limit_tokens is 'Tokens per minute: no request starts while the calls begun in the last minute reported this many (null: unlimited; providers that report no tokens never reach it).';

create or replace function public.acquire_provider_slot(p_provider text, p_item uuid, p_hold_seconds int default 120)
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  provider public.providers;
  slot bigint;
begin
  select * into provider from public.providers where id = p_provider for update;
  if not found then
    raise exception 'acquire_provider_slot: no provider %', p_provider using errcode = '22023';
  end if;
  if provider.concurrent_limit is not null and provider.concurrent_limit <= (
    select count(*) from public.provider_calls c
    where c.provider_id = p_provider and c.finished_at is null and c.hold_until > now()) then
    return null;
  end if;
  if provider.rate_limit_requests is not null and provider.rate_limit_requests <= (
    select count(*) from public.provider_calls c
    where c.provider_id = p_provider and c.started_at > now() - interval '1 minute') then
    return null;
  end if;
  if provider.rate_limit_tokens is not null and provider.rate_limit_tokens <= (
    select coalesce(sum(c.tokens), 0) from public.provider_calls c
    where c.provider_id = p_provider and c.started_at > now() - interval '1 minute') then
    return null;
  end if;
  insert into public.provider_calls (provider_id, order_item_id, hold_until)
  values (p_provider, p_item, now() + make_interval(secs => p_hold_seconds))
  returning id into slot;
  return slot;
end;
$$;

comment on function public.acquire_provider_slot(text, uuid, int) is
  'Takes a slot for one request to a provider if its concurrent_limit, rate_limit_requests and rate_limit_tokens (per minute) allow; null means wait and try again.';

drop function public.release_provider_slot(bigint);

create function public.release_provider_slot(p_slot bigint, p_tokens int default null)
returns void
language sql
set search_path = ''
as $$
  update public.provider_calls set finished_at = now(), tokens = p_tokens where id = p_slot and finished_at is null;
$$;

comment on function public.release_provider_slot(bigint, int) is 'Ends a request''s slot, recording the tokens the provider reported for it.';

revoke execute on function public.release_provider_slot(bigint, int) from public, anon, authenticated;
grant execute on function public.release_provider_slot(bigint, int) to service_role;
