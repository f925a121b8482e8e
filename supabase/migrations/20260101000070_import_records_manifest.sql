-- =============================================================================
-- 0070 a GitHub import is a change set: its files and its manifest are written
-- in one transaction (joins the repo-sync import to project history).
-- =============================================================================

-- security definer: users may not write manifests themselves; the function
-- checks that the caller owns the project before it writes anything.
create or replace function public.import_project_files(p_project_id uuid, p_files jsonb)
returns int
language plpgsql
security definer
set search_path = ''
as $$
declare
  changed int;
begin
  -- Lock the project before its files, in the order every history writer uses.
  perform 1 from public.projects p
  where p.id = p_project_id and p.user_id = (select auth.uid())
  for update;
  if not found then
    raise exception 'No project % of yours.', p_project_id using errcode = '42501';
  end if;

  with written as (
    insert into public.project_files as f (project_id, path, content, language)
    select p_project_id, file ->> 'path', file ->> 'content', file ->> 'language'
    from jsonb_array_elements(p_files) as file
    on conflict (project_id, path) do update
      set content = excluded.content, language = excluded.language, version = f.version + 1
      where f.content is distinct from excluded.content
    returning 1
  )
  select count(*)::int into changed from written;

  if changed > 0 then
    perform public.record_project_manifest(p_project_id, 'import', null, format('%s files imported', changed));
  end if;
  return changed;
end;
$$;

comment on function public.import_project_files(uuid, jsonb) is
  'Writes [{path, content, language}] into one of the caller''s projects, bumping the version of changed files, and records an "import" manifest when anything changed, all in one transaction; returns how many files changed.';

revoke execute on function public.import_project_files(uuid, jsonb) from public, anon;
grant execute on function public.import_project_files(uuid, jsonb) to authenticated;
