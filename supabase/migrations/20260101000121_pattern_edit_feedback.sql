-- =============================================================================
-- 0121 The learning loop hears the owner's edits: once the owner's saves have
-- changed at least half of the files a code stage wrote, the patterns that
-- app was built on (the taken ones, in the job's wireframe artifact) lose 0.1
-- of their success_score, once per generated app. The lowering is a
-- `pattern_score_lowered` event of the job that built the app, which is also
-- what keeps it from happening twice.
-- =============================================================================

create or replace function public.penalize_patterns_of_edited_app()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  base public.project_manifests;
  changed int;
  used jsonb;
  pattern jsonb;
  score float;
begin
  -- The app as its last code stage wrote it.
  select * into base from public.project_manifests m
  where m.project_id = new.project_id and m.source = 'code' and m.job_id is not null and m.version < new.version
  order by m.version desc limit 1;
  if base.id is null or base.file_count = 0 then
    return new;
  end if;
  -- Generated files the owner has changed or removed since.
  select count(*) into changed
  from jsonb_array_elements(base.data -> 'files') b
  where not exists (
    select 1 from jsonb_array_elements(new.data -> 'files') n
    where n ->> 'path' = b ->> 'path' and n ->> 'hash' = b ->> 'hash');
  if changed * 2 < base.file_count then
    return new;
  end if;
  if exists (select 1 from public.job_events e where e.job_id = base.job_id and e.type = 'pattern_score_lowered' and e.data ->> 'cause' = 'edited') then
    return new;
  end if;
  select a.content -> 'patterns' into used from public.job_artifacts a
  where a.job_id = base.job_id and (a.stage = 'wireframe' or a.stage like 'wireframe:%') and a.content is not null
  order by a.created_at desc limit 1;
  for pattern in select * from jsonb_array_elements(coalesce(used, '[]'::jsonb)) loop
    continue when pattern ->> 'id' is null;
    score := public.adjust_pattern_score((pattern ->> 'id')::uuid, -0.1);
    insert into public.job_events (job_id, kind, type, data)
    values (base.job_id, 'event', 'pattern_score_lowered', jsonb_build_object(
      'id', pattern ->> 'id', 'name', pattern ->> 'name', 'success_score', score, 'cause', 'edited',
      'reason', format('the owner rewrote %s of the %s files built on it', changed, base.file_count)));
  end loop;
  return new;
end;
$$;

comment on function public.penalize_patterns_of_edited_app() is
  'After a save manifest: when the owner has changed at least half of the files the last code stage wrote, the patterns that app was built on lose 0.1 of success_score, once per app (a pattern_score_lowered event of the building job).';

revoke execute on function public.penalize_patterns_of_edited_app() from public, anon, authenticated;

create trigger project_manifests_pattern_edit_feedback
  after insert on public.project_manifests
  for each row when (new.source = 'save')
  execute function public.penalize_patterns_of_edited_app();
