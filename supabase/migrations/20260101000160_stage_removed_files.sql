-- =============================================================================
-- 0160 A stage may remove project files: effects.removed_files (paths) are
-- deleted in the same transaction as the stage's other effects and recorded in
-- its manifest. A fix pass uses it when a page about something the
-- requirements do not have goes (its page, test and components).
-- Otherwise complete_agent_job_stage is as 0145 left it (the roadmap columns).
-- =============================================================================

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
  delete from public.project_files f
  where f.project_id = job.project_id
    and f.path in (select jsonb_array_elements_text(coalesce(p_effects -> 'removed_files', '[]'::jsonb)));
  if jsonb_array_length(coalesce(p_effects -> 'files', '[]'::jsonb)) + jsonb_array_length(coalesce(p_effects -> 'removed_files', '[]'::jsonb)) > 0 then
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
  'Records a finished stage with its outputs (project columns, files written and removed + a manifest, roadmap), artifact, progress, usage and event, all or nothing; with effects.review the job then awaits the owner''s review. False if the worker lost the job or the stage is already done.';

revoke execute on function public.complete_agent_job_stage(uuid, text, text, jsonb, float, jsonb, jsonb, int) from public, anon, authenticated;
grant execute on function public.complete_agent_job_stage(uuid, text, text, jsonb, float, jsonb, jsonb, int) to service_role;
