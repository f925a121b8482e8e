-- =============================================================================
-- Baseline project history: manifests and blobs (every change set), rollback, refactor proposals, GitHub syncs
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- =============================================================================

-- =============================================================================
-- project history: every change set of a
-- project's files is a numbered manifest — the file tree with a sha256 per file
-- and an integrity hash over the tree — and every file version's bytes are kept
-- once per project in project_blobs, so any version can be diffed and restored.
-- Users read their history; only the backend (or the functions below) writes it.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- project_blobs: file contents by sha256, stored once per project
-- -----------------------------------------------------------------------------
create table public.project_blobs (
  project_id uuid references public.projects(id) on delete cascade not null,
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  content text not null,
  size_bytes int not null check (size_bytes >= 0),
  created_at timestamptz default now() not null,
  primary key (project_id, hash)
);

comment on table public.project_blobs is 'Content-addressed file contents of a project''s history: one row per distinct content (sha256 of its UTF-8 bytes), shared by every manifest that lists it.';
comment on column public.project_blobs.project_id is 'The project whose history holds the content (blobs are per project so RLS follows the project).';
comment on column public.project_blobs.hash is 'sha256 of the content''s UTF-8 bytes, lowercase hex.';
comment on column public.project_blobs.content is 'The file''s exact text.';
comment on column public.project_blobs.size_bytes is 'Length of the content in bytes.';
comment on column public.project_blobs.created_at is 'When the content was first recorded.';

alter table public.project_blobs enable row level security;

create policy "Project owners can read their file history contents"
  on public.project_blobs for select to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

-- -----------------------------------------------------------------------------
-- project_manifests: one numbered snapshot per change set
-- -----------------------------------------------------------------------------
create table public.project_manifests (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  version int not null check (version > 0),
  source text not null check (source ~ '^[a-z][a-z0-9_:-]{1,40}$'),
  job_id uuid references public.agent_jobs(id) on delete set null,
  note text check (char_length(note) <= 500),
  data jsonb not null,
  hash text not null,
  file_count int not null,
  total_bytes bigint not null,
  created_at timestamptz default now() not null,
  unique (project_id, version)
);

comment on table public.project_manifests is 'The project''s file tree after each change set (code stage, save, refactor, rollback, import), numbered 1, 2, 3 … per project.';
comment on column public.project_manifests.project_id is 'The project the snapshot is of.';
comment on column public.project_manifests.version is 'Per-project version number, 1, 2, 3 …; assigned under a lock on the project row.';
comment on column public.project_manifests.source is 'What made the change set: code, save, refactor, rollback, import, …';
comment on column public.project_manifests.job_id is 'The job whose stage wrote the files, when a job did.';
comment on column public.project_manifests.note is 'A short human note, e.g. the saved file''s path or the version rolled back to.';
comment on column public.project_manifests.data is '{"files": [{"path", "hash", "size", "language"}]} sorted by path (byte order); hash names a project_blobs row.';
comment on column public.project_manifests.hash is 'Integrity hash: sha256 over the lines "hash<TAB>size<TAB>language<TAB>path" of data.files joined by newlines (see public.manifest_tree_hash).';
comment on column public.project_manifests.file_count is 'Number of files in the snapshot.';
comment on column public.project_manifests.total_bytes is 'Sum of the files'' sizes in bytes.';
comment on column public.project_manifests.created_at is 'When the snapshot was taken.';

create index project_manifests_job_id_idx on public.project_manifests (job_id);

alter table public.project_manifests enable row level security;

create policy "Project owners can read their project history"
  on public.project_manifests for select to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

-- -----------------------------------------------------------------------------
-- the canonical tree hash, and the integrity check
-- -----------------------------------------------------------------------------
create or replace function public.manifest_tree_hash(p_files jsonb)
returns text language sql immutable set search_path = '' as $$
  select encode(sha256(convert_to(coalesce(string_agg(
    concat_ws(E'\t', f ->> 'hash', f ->> 'size', coalesce(f ->> 'language', ''), f ->> 'path'), E'\n' order by n), ''), 'UTF8')), 'hex')
  from jsonb_array_elements(case when jsonb_typeof(p_files) = 'array' then p_files else '[]'::jsonb end) with ordinality as t(f, n);
$$;

comment on function public.manifest_tree_hash(jsonb) is
  'The integrity hash of a manifest''s file list, in its order: sha256 of "hash\tsize\tlanguage\tpath" lines joined by newlines (shared/history computes the same).';

create or replace function public.project_manifest_problems(p_manifest_id uuid)
returns text[] language plpgsql stable set search_path = '' as $$
declare
  manifest public.project_manifests;
  problems text[] := '{}';
begin
  select * into manifest from public.project_manifests where id = p_manifest_id;
  if not found then
    return array['no such manifest'];
  end if;
  if jsonb_typeof(manifest.data -> 'files') is distinct from 'array' then
    return array['data.files is not a list'];
  end if;
  if public.manifest_tree_hash(manifest.data -> 'files') <> manifest.hash then
    problems := problems || 'the tree does not match the manifest''s integrity hash'::text;
  end if;
  if jsonb_array_length(manifest.data -> 'files') <> manifest.file_count then
    problems := problems || format('file_count is %s but the tree lists %s files', manifest.file_count, jsonb_array_length(manifest.data -> 'files'));
  end if;
  select problems || coalesce(array_agg(
      case when b.hash is null then format('%s: its content (%s) is missing', f ->> 'path', f ->> 'hash')
           else format('%s: its stored content does not match its hash', f ->> 'path') end
      order by f ->> 'path'), '{}')
    into problems
  from jsonb_array_elements(manifest.data -> 'files') f
  left join public.project_blobs b on b.project_id = manifest.project_id and b.hash = f ->> 'hash'
  where b.hash is null or encode(sha256(convert_to(b.content, 'UTF8')), 'hex') <> b.hash;
  return problems;
end;
$$;

comment on function public.project_manifest_problems(uuid) is
  'Why a manifest cannot be trusted: tree hash mismatch, wrong file count, missing or altered contents; empty when intact. Runs with the caller''s rights (RLS decides what it may read).';

-- -----------------------------------------------------------------------------
-- record: snapshot the project's current files as the next version
-- -----------------------------------------------------------------------------
create or replace function public.record_project_manifest(
  p_project_id uuid,
  p_source text,
  p_job_id uuid default null,
  p_note text default null
)
returns public.project_manifests language plpgsql set search_path = '' as $$
declare
  files jsonb;
  next_version int;
  manifest public.project_manifests;
begin
  -- One writer per project at a time: versions are gapless and never collide.
  perform 1 from public.projects where id = p_project_id for update;
  if not found then
    raise exception 'record_project_manifest: no project %', p_project_id using errcode = 'P0002';
  end if;

  with current_files as (
    select f.path, f.language, coalesce(f.content, '') as content,
      encode(sha256(convert_to(coalesce(f.content, ''), 'UTF8')), 'hex') as hash
    from public.project_files f
    where f.project_id = p_project_id
  ), stored as (
    insert into public.project_blobs (project_id, hash, content, size_bytes)
    select distinct on (c.hash) p_project_id, c.hash, c.content, octet_length(c.content) from current_files c
    on conflict (project_id, hash) do nothing
  )
  select coalesce(jsonb_agg(jsonb_build_object('path', c.path, 'hash', c.hash, 'size', octet_length(c.content), 'language', c.language)
    order by c.path collate "C"), '[]'::jsonb)
  into files
  from current_files c;

  select coalesce(max(m.version), 0) + 1 into next_version from public.project_manifests m where m.project_id = p_project_id;

  insert into public.project_manifests (project_id, version, source, job_id, note, data, hash, file_count, total_bytes)
  values (
    p_project_id, next_version, p_source, p_job_id, left(p_note, 500),
    jsonb_build_object('files', files),
    public.manifest_tree_hash(files),
    jsonb_array_length(files),
    (select coalesce(sum((f ->> 'size')::bigint), 0) from jsonb_array_elements(files) f)
  )
  returning * into manifest;
  return manifest;
end;
$$;

comment on function public.record_project_manifest(uuid, text, uuid, text) is
  'Snapshots the project''s files as its next manifest version (contents into project_blobs, deduplicated by sha256) and returns the row. Service role only: call it after every change set.';

-- -----------------------------------------------------------------------------
-- a user's save: the file and its manifest in one transaction
-- -----------------------------------------------------------------------------
-- security definer: users may not write manifests themselves; the function
-- checks that the caller owns the file's project before it writes anything.
create or replace function public.save_project_file(p_file_id uuid, p_content text, p_expected_version int)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  project uuid;
  saved public.project_files;
  manifest public.project_manifests;
begin
  select f.project_id into project
  from public.project_files f
  join public.projects p on p.id = f.project_id
  where f.id = p_file_id and p.user_id = (select auth.uid());
  if project is null then
    return null;
  end if;
  -- Lock the project before the file, in the order every history writer uses.
  perform 1 from public.projects where id = project for update;
  update public.project_files f set content = p_content, version = f.version + 1
  where f.id = p_file_id and f.version = p_expected_version
  returning * into saved;
  if not found then
    return null;
  end if;
  manifest := public.record_project_manifest(project, 'save', null, saved.path);
  return jsonb_build_object(
    'id', saved.id, 'path', saved.path, 'language', saved.language, 'version', saved.version,
    'updated_at', saved.updated_at, 'manifest_version', manifest.version);
end;
$$;

comment on function public.save_project_file(uuid, text, int) is
  'A user''s save from the editor: writes the file if it is still at p_expected_version and records a "save" manifest, atomically; null when the file is not the caller''s or changed since it was loaded (a conflict).';

-- -----------------------------------------------------------------------------
-- rollback: the files of an intact earlier version become the next version
-- -----------------------------------------------------------------------------
create or replace function public.rollback_project(p_project_id uuid, p_version int)
returns public.project_manifests language plpgsql set search_path = '' as $$
declare
  target public.project_manifests;
  problems text[];
begin
  perform 1 from public.projects where id = p_project_id for update;
  select * into target from public.project_manifests where project_id = p_project_id and version = p_version;
  if not found then
    raise exception 'The project has no version %.', p_version using errcode = 'P0002';
  end if;
  problems := public.project_manifest_problems(target.id);
  if cardinality(problems) > 0 then
    raise exception 'Version % fails its integrity check and is not restored: %', p_version, array_to_string(problems, '; ')
      using errcode = 'CF422';
  end if;

  delete from public.project_files f
  where f.project_id = p_project_id
    and not exists (select 1 from jsonb_array_elements(target.data -> 'files') e where e ->> 'path' = f.path);

  insert into public.project_files as f (project_id, path, content, language)
  select p_project_id, e ->> 'path', b.content, e ->> 'language'
  from jsonb_array_elements(target.data -> 'files') e
  join public.project_blobs b on b.project_id = p_project_id and b.hash = e ->> 'hash'
  on conflict (project_id, path) do update
    set content = excluded.content, language = excluded.language, version = f.version + 1
    where f.content is distinct from excluded.content or f.language is distinct from excluded.language;

  return public.record_project_manifest(p_project_id, 'rollback', null, format('Rolled back to version %s', p_version));
end;
$$;

comment on function public.rollback_project(uuid, int) is
  'Restores the exact files of version p_version (after checking its integrity: SQLSTATE CF422 when it fails) and records them as a new "rollback" version; nothing earlier is lost. Service role only.';

revoke execute on function public.record_project_manifest(uuid, text, uuid, text) from public, anon, authenticated;
revoke execute on function public.rollback_project(uuid, int) from public, anon, authenticated;
revoke execute on function public.save_project_file(uuid, text, int) from public, anon;
revoke execute on function public.project_manifest_problems(uuid) from public, anon;
grant execute on function public.record_project_manifest(uuid, text, uuid, text) to service_role;
grant execute on function public.rollback_project(uuid, int) to service_role;
grant execute on function public.save_project_file(uuid, text, int) to authenticated, service_role;
grant execute on function public.project_manifest_problems(uuid) to authenticated, service_role;
grant execute on function public.manifest_tree_hash(jsonb) to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- refactor jobs: a completed `refactor` job's result holds its proposal, file
-- edits each with an `action` (modify, create, delete; an edit without one is
-- a modify) and the version and sha256 of the file it was made from.
-- apply_refactor_proposal takes the accepted paths (null: all of them) and
-- writes those or nothing: a modified or deleted file must still be at the
-- version and sha256 it was proposed from, a created one must not exist yet
-- (else CF409 with the conflicts in DETAIL). It records result.applied_changes
-- and a "refactor" manifest. Service role only.
-- -----------------------------------------------------------------------------
create or replace function public.apply_refactor_proposal(p_job_id uuid, p_paths text[] default null)
returns jsonb language plpgsql set search_path = '' as $$
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

-- =============================================================================
-- repo_syncs: every GitHub import or export of a project,
-- PENDING → RUNNING → SUCCESS / FAILED with the error. The token is never
-- stored. Owners read; only the service role (the `projects` function) writes.
-- =============================================================================

create table public.repo_syncs (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null,
  direction text not null check (direction in ('import', 'export')),
  repo text not null check (length(repo) between 1 and 200),
  branch text,
  status text default 'PENDING' not null check (status in ('PENDING', 'RUNNING', 'SUCCESS', 'FAILED')),
  error_message text,
  files_count int,
  commit_sha text,
  created_at timestamptz default now() not null,
  started_at timestamptz,
  finished_at timestamptz,
  check ((status = 'FAILED') = (error_message is not null))
);

comment on table public.repo_syncs is 'GitHub import/export runs of a project with their outcome (the access token is never stored).';
comment on column public.repo_syncs.project_id is 'The project synced.';
comment on column public.repo_syncs.user_id is 'The owner who started the run.';
comment on column public.repo_syncs.direction is 'import (GitHub → project files) or export (project files → GitHub).';
comment on column public.repo_syncs.repo is 'owner/name for an import; the repository name for an export.';
comment on column public.repo_syncs.branch is 'The branch read or written.';
comment on column public.repo_syncs.status is 'PENDING → RUNNING → SUCCESS or FAILED.';
comment on column public.repo_syncs.error_message is 'Why the run failed (status FAILED).';
comment on column public.repo_syncs.files_count is 'Files imported or pushed.';
comment on column public.repo_syncs.commit_sha is 'The commit read (import) or written (export).';
comment on column public.repo_syncs.started_at is 'When the run left PENDING.';
comment on column public.repo_syncs.finished_at is 'When it ended (SUCCESS or FAILED).';

create index repo_syncs_project_id_idx on public.repo_syncs (project_id, created_at desc);
create index repo_syncs_user_id_idx on public.repo_syncs (user_id);

alter table public.repo_syncs enable row level security;

create policy "Owners can view the syncs of their projects"
  on public.repo_syncs for select to authenticated
  using ((select auth.uid()) = user_id);

-- -----------------------------------------------------------------------------
-- writing imported files: a GitHub import is a change set, its files and its
-- manifest written in one transaction. Security definer: users may not write
-- manifests themselves; the function checks that the caller owns the project
-- before it writes anything.
-- -----------------------------------------------------------------------------
create or replace function public.import_project_files(p_project_id uuid, p_files jsonb)
returns int language plpgsql security definer set search_path = '' as $$
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

grant execute on function public.import_project_files(uuid, jsonb) to authenticated, service_role;
revoke execute on function public.import_project_files(uuid, jsonb) from public, anon;
grant execute on function public.import_project_files(uuid, jsonb) to authenticated;

comment on function public.apply_refactor_proposal(uuid, text[]) is
  'Applies the accepted files (p_paths; null = all) of a completed refactor job''s proposal atomically: modified and deleted files must still be at the version and sha256 they were proposed from, created ones must not exist (else SQLSTATE CF409 with the conflicts in DETAIL, nothing written); a path not in the proposal is 22023. Records result.applied_changes (with the rejected paths) and a "refactor" manifest.';

revoke execute on function public.apply_refactor_proposal(uuid, text[]) from public, anon, authenticated;
grant execute on function public.apply_refactor_proposal(uuid, text[]) to service_role;
