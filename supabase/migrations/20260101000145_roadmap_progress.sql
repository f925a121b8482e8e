-- =============================================================================
-- 0145 learning_roadmaps keeps the whole roadmap and a lock per module
--
-- The roadmap's title, description, skill level and total hours are stored
-- beside its modules (they were only in the job's result). Each module of
-- `modules` carries `is_locked`, which the student's progress sets: a module
-- opens once every step before it is done (current_step_index has reached
-- its first step). A trigger derives the locks on every write, so they cannot
-- be set by hand; the student may write current_step_index only, one
-- finished step at a time; roadmaps themselves are the roadmap agent's.
-- =============================================================================

alter table public.learning_roadmaps
  add column title text check (char_length(title) between 1 and 200),
  add column description text,
  add column skill_level text check (skill_level in ('beginner', 'intermediate', 'advanced')),
  add column total_estimated_hours numeric check (total_estimated_hours > 0 and total_estimated_hours <= 500);

comment on column public.learning_roadmaps.title is 'The roadmap''s title, as the roadmap agent wrote it.';
comment on column public.learning_roadmaps.description is 'What the roadmap covers, as the roadmap agent wrote it.';
comment on column public.learning_roadmaps.skill_level is 'The level the roadmap was planned for: beginner | intermediate | advanced.';
comment on column public.learning_roadmaps.total_estimated_hours is 'The hours of all modules (at most 500).';
comment on column public.learning_roadmaps.modules is
  'Array of the LearningRoadmap modules {title, description, steps, estimated_hours, prerequisites}, each with is_locked derived from current_step_index.';
comment on column public.learning_roadmaps.current_step_index is
  'Steps finished, counted over all modules'' steps in order; the student moves it on by one, which opens the next module after its last step.';

-- -----------------------------------------------------------------------------
-- locks follow progress
-- -----------------------------------------------------------------------------
create or replace function public.handle_roadmap_progress()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  module jsonb;
  first_step int := 0;
  locked jsonb := '[]'::jsonb;
begin
  if current_user in ('authenticated', 'anon') then
    if tg_op = 'INSERT' then
      raise exception 'Roadmaps are written by the roadmap agent' using errcode = '42501';
    end if;
    if new.current_step_index is distinct from old.current_step_index and new.current_step_index <> old.current_step_index + 1 then
      raise exception 'A roadmap moves on one finished step at a time: from step % to step %, not %',
        old.current_step_index, old.current_step_index + 1, new.current_step_index using errcode = '22023';
    end if;
  end if;
  if jsonb_typeof(new.modules) is distinct from 'array' then
    raise exception 'learning_roadmaps.modules must be a JSON array of modules' using errcode = '22023';
  end if;
  for module in select value from jsonb_array_elements(new.modules) loop
    if jsonb_typeof(module) is distinct from 'object' or jsonb_typeof(coalesce(module -> 'steps', '[]')) <> 'array' then
      raise exception 'each module of learning_roadmaps.modules must be an object whose steps are an array' using errcode = '22023';
    end if;
    locked := locked || jsonb_build_array(module || jsonb_build_object('is_locked', new.current_step_index < first_step));
    first_step := first_step + jsonb_array_length(coalesce(module -> 'steps', '[]'));
  end loop;
  if new.current_step_index < 0 or new.current_step_index > first_step then
    raise exception 'current_step_index % is outside the roadmap''s % steps', new.current_step_index, first_step using errcode = '22023';
  end if;
  new.modules := locked;
  return new;
end;
$$;

comment on function public.handle_roadmap_progress() is
  'Trigger function: sets each roadmap module''s is_locked from current_step_index (a module opens when every step before it is done); a signed-in user may only move the progress on by one step and may not create roadmaps.';

revoke execute on function public.handle_roadmap_progress() from public, anon, authenticated;

-- Named to sort after learning_roadmaps_owner_columns: the guard sees the student's change, not the derived locks.
create trigger learning_roadmaps_progress before insert or update of current_step_index, modules on public.learning_roadmaps
  for each row execute function public.handle_roadmap_progress();

-- -----------------------------------------------------------------------------
-- what the student may write: progress only (and delete a roadmap)
-- -----------------------------------------------------------------------------
revoke insert, update on public.learning_roadmaps from anon, authenticated;
grant update (current_step_index) on public.learning_roadmaps to authenticated;

create trigger learning_roadmaps_owner_columns before update on public.learning_roadmaps
  for each row execute function public.guard_owner_columns('current_step_index');

-- -----------------------------------------------------------------------------
-- the roadmap stage stores the whole roadmap (0021's function, the roadmap insert changed)
-- -----------------------------------------------------------------------------
create or replace function public.complete_agent_job_stage(
  p_job_id uuid,
  p_worker text,
  p_stage text,
  p_output jsonb,
  p_progress float,
  p_effects jsonb default '{}'::jsonb,
  p_usage jsonb default null,
  p_duration_ms int default null
)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  job public.agent_jobs;
  file jsonb;
  review text := p_effects ->> 'review';
begin
  select * into job from public.agent_jobs where id = p_job_id for update;
  if not found or job.status not in ('running', 'paused') or job.leased_by is distinct from p_worker then
    return false;
  end if;
  if p_stage = any (job.completed_stages) then
    return false;
  end if;

  if p_effects ? 'project' then
    update public.projects p set
      requirements_spec = case when p_effects -> 'project' ? 'requirements_spec' then p_effects -> 'project' -> 'requirements_spec' else p.requirements_spec end,
      architecture_spec = case when p_effects -> 'project' ? 'architecture_spec' then p_effects -> 'project' -> 'architecture_spec' else p.architecture_spec end,
      status = coalesce(p_effects -> 'project' ->> 'status', p.status),
      tech_stack = case when p_effects -> 'project' ? 'tech_stack'
        then array(select jsonb_array_elements_text(p_effects -> 'project' -> 'tech_stack')) else p.tech_stack end
    where p.id = job.project_id;
  end if;

  for file in select * from jsonb_array_elements(coalesce(p_effects -> 'files', '[]'::jsonb)) loop
    insert into public.project_files as f (project_id, path, content, language)
    values (job.project_id, file ->> 'path', file ->> 'content', file ->> 'language')
    on conflict (project_id, path) do update
      set content = excluded.content, language = excluded.language, version = f.version + 1
      where f.content is distinct from excluded.content;
  end loop;
  if jsonb_array_length(coalesce(p_effects -> 'files', '[]'::jsonb)) > 0 then
    perform public.record_project_manifest(job.project_id, coalesce(p_effects ->> 'manifest_source', p_stage), p_job_id, format('%s stage', p_stage));
  end if;

  if p_effects ? 'roadmap' then
    insert into public.learning_roadmaps (project_id, modules, title, description, skill_level, total_estimated_hours)
    values (job.project_id, p_effects -> 'roadmap' -> 'modules', p_effects -> 'roadmap' ->> 'title',
      p_effects -> 'roadmap' ->> 'description', p_effects -> 'roadmap' ->> 'skill_level',
      (p_effects -> 'roadmap' ->> 'total_estimated_hours')::numeric);
  end if;

  insert into public.job_artifacts (job_id, user_id, stage, content, size_bytes)
  values (p_job_id, job.user_id, p_stage, p_output, octet_length(p_output::text));

  -- The lease is released: the next stage may run in another invocation.
  update public.agent_jobs set
    completed_stages = completed_stages || p_stage,
    stage = null,
    leased_by = null,
    lease_expires_at = null,
    status = case when review is not null then 'awaiting_review' else status end,
    review_kind = review,
    progress = greatest(progress, p_progress),
    usage = case when p_usage is null then usage else jsonb_build_object(
      'input_tokens', (usage ->> 'input_tokens')::bigint + coalesce((p_usage ->> 'input_tokens')::bigint, 0),
      'output_tokens', (usage ->> 'output_tokens')::bigint + coalesce((p_usage ->> 'output_tokens')::bigint, 0),
      'cost_usd', (usage ->> 'cost_usd')::numeric + coalesce((p_usage ->> 'cost_usd')::numeric, 0)) end
  where id = p_job_id;

  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'stage_completed',
    jsonb_strip_nulls(jsonb_build_object('stage', p_stage, 'progress', p_progress, 'duration_ms', p_duration_ms)));
  if review is not null then
    insert into public.job_events (job_id, kind, type, data)
    values (p_job_id, 'event', 'review_requested', jsonb_build_object('kind', review, 'stage', p_stage));
  end if;
  return true;
end;
$$;

comment on function public.complete_agent_job_stage(uuid, text, text, jsonb, float, jsonb, jsonb, int) is
  'Records a finished stage with its outputs (project columns, files + a manifest, a roadmap with its title, level and hours), artifact, progress, usage and event, all or nothing; with effects.review the job then awaits the owner''s review. False if the worker lost the job or the stage is already done.';
