-- =============================================================================
-- Baseline patterns: the pattern library, its embeddings and the learning loop's feedback; embedding models
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- =============================================================================

-- Every stored vector (here and in document_chunks) records the embedding model
-- that made it, and a query is compared only with vectors of its own model, so
-- hashing and model vectors never share a ranking (docs/database.md "Embeddings").
create table public.pattern_embeddings (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_type text not null,       -- 'saas', 'ecommerce', 'social', etc.
  embedding extensions.vector(1536),  -- OpenAI embedding dimension
  metadata jsonb,                   -- Pattern details
  success_score float,              -- 0-1, how well this pattern worked
  created_at timestamptz default now() not null,
  embedding_model text
  check (char_length(embedding_model) between 1 and 200),
  constraint pattern_embeddings_embedding_has_model check ((embedding is null) = (embedding_model is null))
);

comment on table public.pattern_embeddings is 'Architecture patterns with their embeddings, retrieved by match_patterns() for RAG.';
comment on column public.pattern_embeddings.embedding is '1536-d embedding (text-embedding-3-small or the offline feature-hashing embedder).';
comment on column public.pattern_embeddings.success_score is '0-1: how well this pattern worked when it was used.';
comment on column public.pattern_embeddings.project_type is 'saas, ecommerce, social, crm, education, marketplace, …; match_patterns filters on it.';
comment on column public.pattern_embeddings.metadata is 'The pattern: name, summary, pages, components, data model.';

create index pattern_embeddings_embedding_idx on public.pattern_embeddings
  using ivfflat (embedding extensions.vector_cosine_ops) with (lists = 100);
create index pattern_embeddings_project_type_idx on public.pattern_embeddings (project_type);

alter table public.pattern_embeddings enable row level security;

create policy "Signed-in users can read patterns"
  on public.pattern_embeddings for select to authenticated
  using ((select auth.role()) = 'authenticated');

-- -----------------------------------------------------------------------------
-- match_patterns(): cosine similarity search over pattern_embeddings, among the
-- vectors of the query's embedding model only.
-- Runs as the caller (security invoker), so RLS on pattern_embeddings applies.
-- probes = 10 (about sqrt(lists)) keeps IVFFlat recall high on small tables;
-- iterative scans keep filtered searches from returning too few rows.
-- -----------------------------------------------------------------------------
create or replace function public.match_patterns(
  query_embedding extensions.vector(1536),
  query_model text,
  match_count int default 5,
  filter_type text default null
)
returns table (
  id uuid,
  project_type text,
  metadata jsonb,
  success_score float,
  similarity float
)
language sql stable set search_path = '' set ivfflat.probes = 10 set ivfflat.iterative_scan = 'relaxed_order' as $$
  select
    pe.id,
    pe.project_type,
    pe.metadata,
    pe.success_score,
    1 - (pe.embedding operator(extensions.<=>) query_embedding) as similarity
  from public.pattern_embeddings pe
  where pe.embedding is not null
    and pe.embedding_model = query_model
    and (filter_type is null or pe.project_type = filter_type)
  order by pe.embedding operator(extensions.<=>) query_embedding
  limit match_count;
$$;

-- =============================================================================
-- adjust_pattern_score(): the learning loop's feedback on a pattern
-- An app built on a pattern that fails QA or its fidelity check lowers the
-- pattern's success_score; one statement, so concurrent jobs cannot lose an
-- update. Only the service role (the worker) may call it.
-- =============================================================================

create or replace function public.adjust_pattern_score(p_pattern_id uuid, p_delta float)
returns float language sql volatile set search_path = '' as $$
  update public.pattern_embeddings
     set success_score = greatest(0, least(1, round((coalesce(success_score, 0.8) + p_delta)::numeric, 2)::float))
   where id = p_pattern_id
  returning success_score;
$$;

comment on function public.adjust_pattern_score(uuid, float) is
  'Moves a pattern''s success_score by p_delta, kept within 0-1; returns the new score (null when no such pattern). Service role only.';

revoke execute on function public.adjust_pattern_score(uuid, float) from public, anon, authenticated;
grant execute on function public.adjust_pattern_score(uuid, float) to service_role;

-- =============================================================================
-- The learning loop hears the owner's edits: once the owner's saves have
-- changed at least half of the files a code stage wrote, the patterns that
-- app was built on (the taken ones, in the job's wireframe artifact) lose 0.1
-- of their success_score, once per generated app. The lowering is a
-- `pattern_score_lowered` event of the job that built the app, which is also
-- what keeps it from happening twice.
-- =============================================================================

create or replace function public.penalize_patterns_of_edited_app()
returns trigger language plpgsql security definer set search_path = '' as $$
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

comment on column public.pattern_embeddings.embedding_model is
  'The embedding model that made `embedding` (feature-hashing-v1 offline, else the provider''s model); null exactly when there is no embedding.';

create index pattern_embeddings_embedding_model_idx on public.pattern_embeddings (embedding_model);

comment on column public.document_chunks.embedding_model is
  'The embedding model that made `embedding` (feature-hashing-v1 offline, else the provider''s model).';

create index document_chunks_embedding_model_idx on public.document_chunks (embedding_model);

comment on function public.match_patterns(extensions.vector, text, int, text) is
  'Nearest architecture patterns to query_embedding by cosine distance among the vectors of query_model, most similar first; filter_type restricts project_type.';

grant execute on function public.match_patterns(extensions.vector, text, int, text) to authenticated, service_role;

comment on function public.match_documents(extensions.vector, text, uuid, int) is
  'Nearest passages of the project''s documents to query_embedding by cosine distance among the vectors of query_model, most similar first (at most 50).';

grant execute on function public.match_documents(extensions.vector, text, uuid, int) to authenticated, service_role;

comment on function public.add_project_document(uuid, text, text, text, bigint, jsonb, text) is
  'Records a parsed document with its chunks embedded by p_embedding_model in one transaction; service role only (the chat function parses and embeds).';

revoke execute on function public.add_project_document(uuid, text, text, text, bigint, jsonb, text) from public, anon, authenticated;
grant execute on function public.add_project_document(uuid, text, text, text, bigint, jsonb, text) to service_role;

-- -----------------------------------------------------------------------------
-- store_embeddings: a batch of re-embedded vectors, written with their model
-- p_rows: [{ "id": uuid, "embedding": [1536 floats] }, …]
-- -----------------------------------------------------------------------------
create function public.store_embeddings(p_target text, p_model text, p_rows jsonb)
returns int language plpgsql set search_path = '' as $$
declare
  written int;
begin
  if p_target = 'pattern_embeddings' then
    update public.pattern_embeddings pe
       set embedding = (r.value ->> 'embedding')::extensions.vector, embedding_model = p_model
      from jsonb_array_elements(p_rows) r
     where pe.id = (r.value ->> 'id')::uuid;
  elsif p_target = 'document_chunks' then
    update public.document_chunks c
       set embedding = (r.value ->> 'embedding')::extensions.vector, embedding_model = p_model
      from jsonb_array_elements(p_rows) r
     where c.id = (r.value ->> 'id')::uuid;
  else
    raise exception 'store_embeddings: no table %', p_target using errcode = '22023';
  end if;
  get diagnostics written = row_count;
  return written;
end;
$$;

comment on function public.store_embeddings(text, text, jsonb) is
  'Writes re-embedded vectors (p_rows: [{id, embedding}]) of pattern_embeddings or document_chunks with the model that made them; returns the rows written. Service role only (the re-embed route).';

revoke execute on function public.store_embeddings(text, text, jsonb) from public, anon, authenticated;
grant execute on function public.store_embeddings(text, text, jsonb) to service_role;
