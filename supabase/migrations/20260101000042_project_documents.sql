-- =============================================================================
-- 0042 project documents: files in the Storage bucket
-- "documents", their text cut into chunks with embeddings, and match_documents()
-- beside match_patterns() so the research agent retrieves from them. Written by
-- the backend only (it parses and embeds); the owner reads and deletes.
-- =============================================================================

create table public.project_documents (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null,
  storage_path text not null unique,
  filename text not null check (char_length(filename) between 1 and 255),
  content_type text not null,
  size_bytes bigint not null check (size_bytes >= 0),
  chunk_count int default 0 not null,
  created_at timestamptz default now() not null
);

comment on table public.project_documents is 'Documents attached to a project (txt, md, pdf); the research agent retrieves from their chunks.';
comment on column public.project_documents.project_id is 'The project the document informs.';
comment on column public.project_documents.user_id is 'The owner.';
comment on column public.project_documents.storage_path is 'Object name in the bucket "documents": {user_id}/{project_id}/{uuid}-{name}.';
comment on column public.project_documents.filename is 'The file name as uploaded.';
comment on column public.project_documents.content_type is 'text/plain, text/markdown or application/pdf.';
comment on column public.project_documents.size_bytes is 'Size of the file in bytes.';
comment on column public.project_documents.chunk_count is 'How many chunks the text was cut into.';

create index project_documents_project_id_idx on public.project_documents (project_id);
create index project_documents_user_id_idx on public.project_documents (user_id);

alter table public.project_documents enable row level security;

create policy "Users can view their project documents"
  on public.project_documents for select to authenticated
  using ((select auth.uid()) = user_id);
create policy "Users can delete their project documents"
  on public.project_documents for delete to authenticated
  using ((select auth.uid()) = user_id);

create table public.document_chunks (
  id uuid default extensions.uuid_generate_v4() primary key,
  document_id uuid references public.project_documents(id) on delete cascade not null,
  project_id uuid references public.projects(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null,
  chunk_index int not null check (chunk_index >= 0),
  content text not null,
  embedding extensions.vector(1536) not null,
  unique (document_id, chunk_index)
);

comment on table public.document_chunks is 'A passage of a project document with its embedding, searched by match_documents().';
comment on column public.document_chunks.document_id is 'The document the passage comes from.';
comment on column public.document_chunks.project_id is 'The document''s project (match_documents filters on it).';
comment on column public.document_chunks.user_id is 'The owner.';
comment on column public.document_chunks.chunk_index is 'Position of the passage in the document, from 0.';
comment on column public.document_chunks.content is 'The passage''s text.';
comment on column public.document_chunks.embedding is '1536-d embedding (the same embedder as pattern_embeddings).';

-- A project's documents are a few hundred chunks: an exact scan of one project's
-- rows beats an approximate index, whose filtered searches can come back short.
create index document_chunks_project_id_idx on public.document_chunks (project_id);
create index document_chunks_user_id_idx on public.document_chunks (user_id);

alter table public.document_chunks enable row level security;

create policy "Users can view the chunks of their documents"
  on public.document_chunks for select to authenticated
  using ((select auth.uid()) = user_id);

-- -----------------------------------------------------------------------------
-- add_project_document: the document and all its chunks, or nothing
-- p_chunks: [{ "content": text, "embedding": [1536 floats] }, …]
-- -----------------------------------------------------------------------------
create or replace function public.add_project_document(
  p_project_id uuid,
  p_storage_path text,
  p_filename text,
  p_content_type text,
  p_size_bytes bigint,
  p_chunks jsonb
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
  insert into public.document_chunks (document_id, project_id, user_id, chunk_index, content, embedding)
  select document, p_project_id, owner, (c.ordinality - 1)::int, c.value ->> 'content', (c.value ->> 'embedding')::extensions.vector
  from jsonb_array_elements(p_chunks) with ordinality c;
  return document;
end;
$$;

comment on function public.add_project_document(uuid, text, text, text, bigint, jsonb) is
  'Records a parsed document with its embedded chunks in one transaction; service role only (the chat function parses and embeds).';

revoke execute on function public.add_project_document(uuid, text, text, text, bigint, jsonb) from public, anon, authenticated;
grant execute on function public.add_project_document(uuid, text, text, text, bigint, jsonb) to service_role;

-- -----------------------------------------------------------------------------
-- match_documents: the passages of a project's documents nearest a query.
-- Security invoker: RLS on document_chunks keeps other users' passages out.
-- -----------------------------------------------------------------------------
create or replace function public.match_documents(
  query_embedding extensions.vector(1536),
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
  order by c.embedding operator(extensions.<=>) query_embedding, c.chunk_index
  limit least(greatest(match_count, 1), 50);
$$;

comment on function public.match_documents(extensions.vector, uuid, int) is
  'Nearest passages of the project''s documents to query_embedding by cosine distance, most similar first (at most 50).';

grant execute on function public.match_documents(extensions.vector, uuid, int) to authenticated, service_role;
