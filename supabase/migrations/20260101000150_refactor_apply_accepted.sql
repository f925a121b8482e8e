-- =============================================================================
-- 0150 refactor proposals that create and delete files, applied file by file:
-- a proposal edit now has an `action` (modify, create, delete; an edit without
-- one is a modify, as 0022 wrote them). apply_refactor_proposal takes the
-- accepted paths (null: all of them) and writes those or nothing: a modified or
-- deleted file must still be at the version and sha256 it was proposed from, a
-- created one must not exist yet (else CF409 with the conflicts in DETAIL).
-- Replaces 0022's one-argument function. Service role only.
-- =============================================================================

drop function if exists public.apply_refactor_proposal(uuid);

create or replace function public.apply_refactor_proposal(p_job_id uuid, p_paths text[] default null)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  job public.agent_jobs;
  edit jsonb;
  edits jsonb;
  action text;
  missing text;
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
  if p_paths is not null then
    if cardinality(p_paths) = 0 then
      raise exception 'paths: accept at least one file of the proposal.' using errcode = '22023';
    end if;
    select p into missing from unnest(p_paths) p
    where not exists (select 1 from jsonb_array_elements(job.result -> 'proposal' -> 'edits') e where e ->> 'path' = p)
    limit 1;
    if missing is not null then
      raise exception 'paths: % is not a file of the proposal.', missing using errcode = '22023';
    end if;
  end if;
  select coalesce(jsonb_agg(e), '[]'::jsonb) into edits
  from jsonb_array_elements(job.result -> 'proposal' -> 'edits') e
  where p_paths is null or e ->> 'path' = any (p_paths);

  -- Lock the project, then each file, before writing any: all or nothing.
  perform 1 from public.projects where id = job.project_id for update;
  for edit in select * from jsonb_array_elements(edits) loop
    action := coalesce(edit ->> 'action', 'modify');
    select * into current_file from public.project_files f
    where f.project_id = job.project_id and f.path = edit ->> 'path' for update;
    if action = 'create' then
      if found then
        conflicts := conflicts || jsonb_build_object('path', edit ->> 'path', 'reason', 'exists', 'current_version', current_file.version);
      end if;
    elsif not found then
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

  for edit in select * from jsonb_array_elements(edits) loop
    action := coalesce(edit ->> 'action', 'modify');
    if action = 'create' then
      insert into public.project_files (project_id, path, content, language)
      values (job.project_id, edit ->> 'path', edit ->> 'new_content',
        case substring(edit ->> 'path' from '\.([A-Za-z0-9]+)$')
          when 'ts' then 'typescript' when 'tsx' then 'typescript' when 'js' then 'javascript' when 'jsx' then 'javascript'
          when 'css' then 'css' when 'json' then 'json' when 'html' then 'html' when 'md' then 'markdown' else null end)
      returning jsonb_build_object('path', path, 'action', 'create', 'from_version', null, 'to_version', version) into applied;
    elsif action = 'delete' then
      delete from public.project_files f where f.project_id = job.project_id and f.path = edit ->> 'path'
      returning jsonb_build_object('path', f.path, 'action', 'delete', 'from_version', f.version, 'to_version', null) into applied;
    else
      update public.project_files f set content = edit ->> 'new_content', version = f.version + 1
      where f.project_id = job.project_id and f.path = edit ->> 'path'
      returning jsonb_build_object('path', f.path, 'action', 'modify', 'from_version', f.version - 1, 'to_version', f.version) into applied;
    end if;
    files := files || applied;
    insert into public.job_events (job_id, kind, type, data)
    values (p_job_id, 'event', 'file_updated', applied);
  end loop;

  manifest := public.record_project_manifest(job.project_id, 'refactor', p_job_id, left(coalesce(job.result -> 'proposal' ->> 'summary', 'Refactor'), 500));
  applied := jsonb_build_object('files', files, 'manifest_version', manifest.version, 'applied_at', now(),
    'rejected', (select coalesce(jsonb_agg(e ->> 'path'), '[]'::jsonb) from jsonb_array_elements(job.result -> 'proposal' -> 'edits') e
                 where p_paths is not null and not (e ->> 'path' = any (p_paths))));
  update public.agent_jobs set result = result || jsonb_build_object('applied_changes', applied) where id = p_job_id;
  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'refactor_applied', jsonb_build_object('files', jsonb_array_length(files), 'manifest_version', manifest.version));
  return applied;
end;
$$;

comment on function public.apply_refactor_proposal(uuid, text[]) is
  'Applies the accepted files (p_paths; null = all) of a completed refactor job''s proposal atomically: modified and deleted files must still be at the version and sha256 they were proposed from, created ones must not exist (else SQLSTATE CF409 with the conflicts in DETAIL, nothing written); a path not in the proposal is 22023. Records result.applied_changes (with the rejected paths) and a "refactor" manifest.';

revoke execute on function public.apply_refactor_proposal(uuid, text[]) from public, anon, authenticated;
grant execute on function public.apply_refactor_proposal(uuid, text[]) to service_role;
