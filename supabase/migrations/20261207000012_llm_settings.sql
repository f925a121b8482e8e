-- =============================================================================
-- Baseline llm settings: users' own LLM keys, models and monthly cap
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- =============================================================================

-- =============================================================================
-- models per user and per project: a user's provider keys (encrypted as
-- Studio's provider keys are: AES-256-GCM in the functions, the ciphertext in a
-- table with RLS and no policy), their default provider and model, a monthly
-- spending cap, a provider and model per project, and the provider and model
-- each job ran with. Only the settings function writes these (service role),
-- after validating the provider, the model and the key.
-- =============================================================================

-- What a user may see of their keys: which provider, the last four characters.
create table public.user_llm_keys (
  user_id uuid references auth.users(id) on delete cascade not null,
  provider text not null check (provider in ('openai', 'anthropic', 'google', 'openai-compatible')),
  key_last4 text not null check (char_length(key_last4) <= 4),
  created_at timestamptz default now() not null,
  primary key (user_id, provider)
);

comment on table public.user_llm_keys is 'A user''s LLM provider keys as the user sees them (provider, last four characters); the key itself is in user_llm_key_secrets.';
comment on column public.user_llm_keys.user_id is 'The user who added the key.';
comment on column public.user_llm_keys.provider is 'openai | anthropic | google | openai-compatible (the server''s LLM_BASE_URL).';
comment on column public.user_llm_keys.key_last4 is 'The key''s last four characters, to tell keys apart.';

-- The key, sealed: RLS with no policy keeps it from every API role, its owner
-- included (as Studio's provider_secrets); only the functions read it.
create table public.user_llm_key_secrets (
  user_id uuid not null,
  provider text not null,
  api_key_encrypted text not null,
  primary key (user_id, provider),
  foreign key (user_id, provider) references public.user_llm_keys(user_id, provider) on delete cascade
);

comment on table public.user_llm_key_secrets is 'Encrypted user LLM keys; read and written only by Edge Functions (service role), never returned to a client.';
comment on column public.user_llm_key_secrets.user_id is 'The key''s owner.';
comment on column public.user_llm_key_secrets.provider is 'The provider the key is for.';
comment on column public.user_llm_key_secrets.api_key_encrypted is 'AES-256-GCM ciphertext, base64(iv || ciphertext), of the key; the key to it is the functions'' STUDIO_SECRETS_KEY (shared/studio/secrets.ts).';

create table public.user_llm_settings (
  user_id uuid primary key references auth.users(id) on delete cascade,
  default_provider text check (default_provider in ('offline', 'openai', 'anthropic', 'google', 'openai-compatible')),
  default_model text check (char_length(default_model) between 1 and 200),
  monthly_cap_usd numeric(12, 4) check (monthly_cap_usd >= 0),
  updated_at timestamptz default now() not null,
  check ((default_provider is null) = (default_model is null))
);

comment on table public.user_llm_settings is 'A user''s model defaults for their projects and their monthly spending cap.';
comment on column public.user_llm_settings.user_id is 'The user.';
comment on column public.user_llm_settings.default_provider is 'Provider for projects that choose none; null: the server''s (CODEFORGE_LLM_PROVIDER).';
comment on column public.user_llm_settings.default_model is 'Model for projects that choose none, with default_provider.';
comment on column public.user_llm_settings.monthly_cap_usd is 'Jobs pause before a model call once the month''s spend (UTC calendar month) reaches this; null: no cap.';

create trigger user_llm_settings_updated_at before update on public.user_llm_settings
  for each row execute function public.handle_updated_at();

create table public.project_llm_choices (
  project_id uuid primary key references public.projects(id) on delete cascade,
  provider text not null check (provider in ('offline', 'openai', 'anthropic', 'google', 'openai-compatible')),
  model text not null check (char_length(model) between 1 and 200),
  updated_at timestamptz default now() not null
);

comment on table public.project_llm_choices is 'The provider and model a project''s jobs use; absent: the owner''s default, else the server''s.';
comment on column public.project_llm_choices.project_id is 'The project.';
comment on column public.project_llm_choices.provider is 'offline | openai | anthropic | google | openai-compatible.';
comment on column public.project_llm_choices.model is 'The provider''s model name, checked against the price table or the provider''s model list when saved.';

create trigger project_llm_choices_updated_at before update on public.project_llm_choices
  for each row execute function public.handle_updated_at();

alter table public.user_llm_keys enable row level security;
alter table public.user_llm_key_secrets enable row level security;
alter table public.user_llm_settings enable row level security;
alter table public.project_llm_choices enable row level security;

create policy "Users can view their own LLM keys" on public.user_llm_keys
  for select to authenticated using ((select auth.uid()) = user_id);

create policy "Users can view their own LLM settings" on public.user_llm_settings
  for select to authenticated using ((select auth.uid()) = user_id);

create policy "Users can view their projects' LLM choices" on public.project_llm_choices
  for select to authenticated using (exists (
    select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

revoke all on public.user_llm_key_secrets from anon, authenticated;
revoke insert, update, delete, truncate on public.user_llm_keys, public.user_llm_settings, public.project_llm_choices from anon, authenticated;
revoke all on public.user_llm_keys, public.user_llm_settings, public.project_llm_choices from anon;
grant select on public.user_llm_keys, public.user_llm_settings, public.project_llm_choices to authenticated;
grant all on public.user_llm_keys, public.user_llm_key_secrets, public.user_llm_settings, public.project_llm_choices to service_role;

comment on column public.agent_jobs.llm_provider is 'The provider the job''s model calls went to (offline for the offline engine); set by record_agent_job_model.';
comment on column public.agent_jobs.llm_model is 'The model the job ran with; set by record_agent_job_model.';

-- One call per worker step: the job's owner and type, and its provider and
-- model, chosen and recorded on the first step (the project's choice, else the
-- owner's default, else the server's, which the worker passes in). Studio
-- orders name their own media provider: none is recorded for them.
create or replace function public.record_agent_job_model(p_job_id uuid, p_server_provider text, p_server_model text)
returns table (user_id uuid, agent_type text, provider text, model text) language plpgsql set search_path = '' as $$
declare
  job public.agent_jobs;
  chosen_provider text;
  chosen_model text;
begin
  select * into job from public.agent_jobs j where j.id = p_job_id and j.status in ('queued', 'running') for update;
  if not found then
    return;
  end if;
  if job.llm_provider is null and job.agent_type <> 'studio' then
    select c.provider, c.model into chosen_provider, chosen_model from public.project_llm_choices c where c.project_id = job.project_id;
    if chosen_provider is null then
      select s.default_provider, s.default_model into chosen_provider, chosen_model from public.user_llm_settings s where s.user_id = job.user_id;
    end if;
    if chosen_provider is null then
      chosen_provider := p_server_provider;
      chosen_model := p_server_model;
    end if;
    update public.agent_jobs set llm_provider = chosen_provider, llm_model = chosen_model where id = p_job_id
    returning * into job;
    insert into public.job_events (job_id, kind, type, data)
    values (p_job_id, 'event', 'model_selected', jsonb_build_object('provider', chosen_provider, 'model', chosen_model));
  end if;
  return query select job.user_id, job.agent_type, job.llm_provider, job.llm_model;
end;
$$;

comment on function public.record_agent_job_model(uuid, text, text) is
  'For a queued or running job: its owner, type, provider and model. On its first call the provider and model are chosen (the project''s choice, else the owner''s default, else the server''s given here) and recorded with a model_selected event; later steps and a resumed job keep them. No row when the job has ended; no provider for Studio orders.';

-- -----------------------------------------------------------------------------
-- the month's spend: the jobs' cost, by the month (UTC) they were created in
-- -----------------------------------------------------------------------------
create or replace function public.user_month_spend(p_user_id uuid)
returns table (month_spend_usd numeric, monthly_cap_usd numeric) language sql stable set search_path = '' as $$
  select
    coalesce((select sum((j.usage ->> 'cost_usd')::numeric) from public.agent_jobs j
              where j.user_id = p_user_id and j.created_at >= date_trunc('month', now() at time zone 'utc') at time zone 'utc'), 0),
    (select s.monthly_cap_usd from public.user_llm_settings s where s.user_id = p_user_id);
$$;

comment on function public.user_month_spend(uuid) is
  'The user''s spend this UTC calendar month (the cost of the jobs created in it) and their monthly cap (null: none).';

-- Saves the defaults and the cap together, refusing a cap below what this
-- month already spent (a 400 naming both amounts).
create or replace function public.set_user_llm_settings(p_user_id uuid, p_default_provider text, p_default_model text, p_monthly_cap_usd numeric)
returns void language plpgsql set search_path = '' as $$
declare
  spent numeric;
begin
  if p_monthly_cap_usd is not null then
    select s.month_spend_usd into spent from public.user_month_spend(p_user_id) s;
    if p_monthly_cap_usd < spent then
      raise exception 'monthly_cap_usd: $% is below the $% already spent this month', p_monthly_cap_usd, round(spent, 4)
        using errcode = '22023';
    end if;
  end if;
  insert into public.user_llm_settings (user_id, default_provider, default_model, monthly_cap_usd)
  values (p_user_id, p_default_provider, p_default_model, p_monthly_cap_usd)
  on conflict (user_id) do update set
    default_provider = excluded.default_provider, default_model = excluded.default_model, monthly_cap_usd = excluded.monthly_cap_usd;
end;
$$;

comment on function public.set_user_llm_settings(uuid, text, text, numeric) is
  'Saves a user''s default provider and model and monthly cap in one statement; raises 22023 when the cap is below this month''s spend.';

-- A key and its sealed text together: both rows or neither.
create or replace function public.save_user_llm_key(p_user_id uuid, p_provider text, p_key_last4 text, p_api_key_encrypted text)
returns timestamptz language plpgsql set search_path = '' as $$
declare
  added timestamptz;
begin
  insert into public.user_llm_keys (user_id, provider, key_last4) values (p_user_id, p_provider, p_key_last4)
  on conflict (user_id, provider) do update set key_last4 = excluded.key_last4, created_at = now()
  returning created_at into added;
  insert into public.user_llm_key_secrets (user_id, provider, api_key_encrypted) values (p_user_id, p_provider, p_api_key_encrypted)
  on conflict (user_id, provider) do update set api_key_encrypted = excluded.api_key_encrypted;
  return added;
end;
$$;

comment on function public.save_user_llm_key(uuid, text, text, text) is
  'Stores (or replaces) a user''s key for a provider: its last four characters and its ciphertext, in one transaction; returns when it was added.';

revoke execute on function public.record_agent_job_model(uuid, text, text) from public, anon, authenticated;
revoke execute on function public.user_month_spend(uuid) from public, anon, authenticated;
revoke execute on function public.set_user_llm_settings(uuid, text, text, numeric) from public, anon, authenticated;
grant execute on function public.record_agent_job_model(uuid, text, text) to service_role;
grant execute on function public.user_month_spend(uuid) to service_role;
grant execute on function public.set_user_llm_settings(uuid, text, text, numeric) to service_role;
revoke execute on function public.save_user_llm_key(uuid, text, text, text) from public, anon, authenticated;
grant execute on function public.save_user_llm_key(uuid, text, text, text) to service_role;
