-- =============================================================================
-- 0003 pgvector extension + pattern_embeddings
-- =============================================================================

create extension if not exists vector with schema extensions;

create table public.pattern_embeddings (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_type text not null,       -- 'saas', 'ecommerce', 'social', etc.
  embedding extensions.vector(1536),  -- OpenAI embedding dimension
  metadata jsonb,                   -- Pattern details
  success_score float,              -- 0-1, how well this pattern worked
  created_at timestamptz default now() not null
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
