-- =============================================================================
-- 0022 refactor jobs: a completed `refactor` job's
-- result holds its proposal — file edits, each with the version and sha256 of
-- the file it was made from. Applying it writes every file or none, records
-- result.applied_changes and a "refactor" manifest. Service role only.
-- =============================================================================

create or replace function public.apply_refactor_proposal(p_job_id uuid)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  job public.agent_jobs;
  edit jsonb;
  current_file public.project_files;
  conflicts jsonb := '[]'::jsonb;
  files jsonb := '[]'::jsonb;
  manifest public.project_manifests;
  applied jsonb;
begin
  select * into job from public.agent_jobs where id = p_job_id for update;
  if not found or job.agent_type <> 'refactor' then
    raise exception 'No refactor job %.', p_job_id using errcode = 'P0002';
  end if;
  if job.status <> 'completed' or jsonb_typeof(job.result -> 'proposal' -> 'edits') is distinct from 'array' then
    raise exception 'The refactor job is %, it has no proposal to apply.', job.status using errcode = 'CF409';
  end if;
  if job.result ? 'applied_changes' then
    raise exception 'The proposal was already applied.' using errcode = 'CF409';
  end if;

  -- Lock the project, then each file, before writing any: all or nothing.
  perform 1 from public.projects where id = job.project_id for update;
  for edit in select * from jsonb_array_elements(job.result -> 'proposal' -> 'edits') loop
    select * into current_file from public.project_files f
    where f.project_id = job.project_id and f.path = edit ->> 'path' for update;
    if not found then
      conflicts := conflicts || jsonb_build_object('path', edit ->> 'path', 'reason', 'deleted');
    elsif current_file.version <> (edit ->> 'base_version')::int
       or encode(sha256(convert_to(coalesce(current_file.content, ''), 'UTF8')), 'hex') <> edit ->> 'base_hash' then
      conflicts := conflicts || jsonb_build_object('path', edit ->> 'path', 'reason', 'changed',
        'base_version', (edit ->> 'base_version')::int, 'current_version', current_file.version);
    end if;
  end loop;
  if jsonb_array_length(conflicts) > 0 then
    raise exception 'The proposal no longer applies: % changed since it was made.',
      (select string_agg(c ->> 'path', ', ') from jsonb_array_elements(conflicts) c)
      using errcode = 'CF409', detail = conflicts::text;
  end if;

  for edit in select * from jsonb_array_elements(job.result -> 'proposal' -> 'edits') loop
    update public.project_files f set content = edit ->> 'new_content', version = f.version + 1
    where f.project_id = job.project_id and f.path = edit ->> 'path'
    returning jsonb_build_object('path', f.path, 'from_version', f.version - 1, 'to_version', f.version) into applied;
    files := files || applied;
    insert into public.job_events (job_id, kind, type, data)
    values (p_job_id, 'event', 'file_updated', applied);
  end loop;

  manifest := public.record_project_manifest(job.project_id, 'refactor', p_job_id, left(coalesce(job.result -> 'proposal' ->> 'summary', 'Refactor'), 500));
  applied := jsonb_build_object('files', files, 'manifest_version', manifest.version, 'applied_at', now());
  update public.agent_jobs set result = result || jsonb_build_object('applied_changes', applied) where id = p_job_id;
  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'refactor_applied', jsonb_build_object('files', jsonb_array_length(files), 'manifest_version', manifest.version));
  return applied;
end;
$$;

comment on function public.apply_refactor_proposal(uuid) is
  'Applies a completed refactor job''s proposal atomically: every edited file must still be at the version and sha256 it was proposed from (else SQLSTATE CF409 with the conflicts in DETAIL, nothing written); records result.applied_changes and a "refactor" manifest.';

revoke execute on function public.apply_refactor_proposal(uuid) from public, anon, authenticated;
grant execute on function public.apply_refactor_proposal(uuid) to service_role;
