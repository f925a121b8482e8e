-- =============================================================================
-- 0135 the model behind every stored vector (docs/database.md "Embeddings")
-- pattern_embeddings and document_chunks record which embedding model made each
-- vector; match_patterns and match_documents take the query's model and compare
-- it only with vectors of that model, so hashing and model vectors never share a
-- ranking. Existing vectors were all made by the offline feature-hashing embedder.
-- =============================================================================

alter table public.pattern_embeddings add column embedding_model text
  check (char_length(embedding_model) between 1 and 200);
update public.pattern_embeddings set embedding_model = 'feature-hashing-v1' where embedding is not null;
alter table public.pattern_embeddings add constraint pattern_embeddings_embedding_has_model
  check ((embedding is null) = (embedding_model is null));
comment on column public.pattern_embeddings.embedding_model is
  'The embedding model that made `embedding` (feature-hashing-v1 offline, else the provider''s model); null exactly when there is no embedding.';
create index pattern_embeddings_embedding_model_idx on public.pattern_embeddings (embedding_model);

alter table public.document_chunks add column embedding_model text not null default 'feature-hashing-v1'
  check (char_length(embedding_model) between 1 and 200);
alter table public.document_chunks alter column embedding_model drop default;
comment on column public.document_chunks.embedding_model is
  'The embedding model that made `embedding` (feature-hashing-v1 offline, else the provider''s model).';
create index document_chunks_embedding_model_idx on public.document_chunks (embedding_model);

-- -----------------------------------------------------------------------------
-- match_patterns: now of one model only
-- -----------------------------------------------------------------------------
drop function public.match_patterns(extensions.vector, int, text);

create function public.match_patterns(
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
language sql
stable
set search_path = ''
set ivfflat.probes = 10
set ivfflat.iterative_scan = 'relaxed_order'
as $$
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

comment on function public.match_patterns(extensions.vector, text, int, text) is
  'Nearest architecture patterns to query_embedding by cosine distance among the vectors of query_model, most similar first; filter_type restricts project_type.';

grant execute on function public.match_patterns(extensions.vector, text, int, text) to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- match_documents: now of one model only
-- -----------------------------------------------------------------------------
drop function public.match_documents(extensions.vector, uuid, int);

create function public.match_documents(
  query_embedding extensions.vector(1536),
  query_model text,
  filter_project_id uuid,
  match_count int default 5
)
returns table (
  id uuid,
  document_id uuid,
  filename text,
  chunk_index int,
  content text,
  similarity float
)
language sql
stable
set search_path = ''
as $$
  select
    c.id,
    c.document_id,
    d.filename,
    c.chunk_index,
    c.content,
    1 - (c.embedding operator(extensions.<=>) query_embedding) as similarity
  from public.document_chunks c
  join public.project_documents d on d.id = c.document_id
  where c.project_id = filter_project_id
    and c.embedding_model = query_model
  order by c.embedding operator(extensions.<=>) query_embedding, c.chunk_index
  limit least(greatest(match_count, 1), 50);
$$;

comment on function public.match_documents(extensions.vector, text, uuid, int) is
  'Nearest passages of the project''s documents to query_embedding by cosine distance among the vectors of query_model, most similar first (at most 50).';

grant execute on function public.match_documents(extensions.vector, text, uuid, int) to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- add_project_document: the chunks' model is recorded with them
-- -----------------------------------------------------------------------------
drop function public.add_project_document(uuid, text, text, text, bigint, jsonb);

create function public.add_project_document(
  p_project_id uuid,
  p_storage_path text,
  p_filename text,
  p_content_type text,
  p_size_bytes bigint,
  p_chunks jsonb,
  p_embedding_model text
)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
  owner uuid;
  document uuid;
begin
  select p.user_id into owner from public.projects p where p.id = p_project_id;
  if owner is null then
    raise exception 'add_project_document: no project %', p_project_id using errcode = 'P0002';
  end if;
  insert into public.project_documents (project_id, user_id, storage_path, filename, content_type, size_bytes, chunk_count)
  values (p_project_id, owner, p_storage_path, p_filename, p_content_type, p_size_bytes, jsonb_array_length(p_chunks))
  returning id into document;
  insert into public.document_chunks (document_id, project_id, user_id, chunk_index, content, embedding, embedding_model)
  select document, p_project_id, owner, (c.ordinality - 1)::int, c.value ->> 'content', (c.value ->> 'embedding')::extensions.vector, p_embedding_model
  from jsonb_array_elements(p_chunks) with ordinality c;
  return document;
end;
$$;

comment on function public.add_project_document(uuid, text, text, text, bigint, jsonb, text) is
  'Records a parsed document with its chunks embedded by p_embedding_model in one transaction; service role only (the chat function parses and embeds).';

revoke execute on function public.add_project_document(uuid, text, text, text, bigint, jsonb, text) from public, anon, authenticated;
grant execute on function public.add_project_document(uuid, text, text, text, bigint, jsonb, text) to service_role;

-- -----------------------------------------------------------------------------
-- store_embeddings: a batch of re-embedded vectors, written with their model
-- p_rows: [{ "id": uuid, "embedding": [1536 floats] }, …]
-- -----------------------------------------------------------------------------
create function public.store_embeddings(p_target text, p_model text, p_rows jsonb)
returns int
language plpgsql
set search_path = ''
as $$
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
