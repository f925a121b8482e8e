-- =============================================================================
-- 0020 project history: every change set of a
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

comment on table public.project_manifests is 'Seed 002 project_manifests: the project''s file tree after each change set (code stage, save, refactor, rollback, import), numbered 1, 2, 3 … per project.';
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
returns text
language sql
immutable
set search_path = ''
as $$
  select encode(sha256(convert_to(coalesce(string_agg(
    concat_ws(E'\t', f ->> 'hash', f ->> 'size', coalesce(f ->> 'language', ''), f ->> 'path'), E'\n' order by n), ''), 'UTF8')), 'hex')
  from jsonb_array_elements(case when jsonb_typeof(p_files) = 'array' then p_files else '[]'::jsonb end) with ordinality as t(f, n);
$$;

comment on function public.manifest_tree_hash(jsonb) is
  'The integrity hash of a manifest''s file list, in its order: sha256 of "hash\tsize\tlanguage\tpath" lines joined by newlines (shared/history computes the same).';

create or replace function public.project_manifest_problems(p_manifest_id uuid)
returns text[]
language plpgsql
stable
set search_path = ''
as $$
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
returns public.project_manifests
language plpgsql
set search_path = ''
as $$
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
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
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
returns public.project_manifests
language plpgsql
set search_path = ''
as $$
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
