-- =============================================================================
-- 0004 match_patterns(): cosine similarity search over pattern_embeddings
-- Runs as the caller (security invoker), so RLS on pattern_embeddings applies.
-- probes = 10 (about sqrt(lists)) keeps IVFFlat recall high on small tables;
-- iterative scans keep filtered searches from returning too few rows.
-- =============================================================================

create or replace function public.match_patterns(
  query_embedding extensions.vector(1536),
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
    and (filter_type is null or pe.project_type = filter_type)
  order by pe.embedding operator(extensions.<=>) query_embedding
  limit match_count;
$$;

comment on function public.match_patterns(extensions.vector, int, text) is
  'Nearest architecture patterns to query_embedding by cosine distance, most similar first; filter_type restricts project_type.';

grant execute on function public.match_patterns(extensions.vector, int, text) to authenticated, service_role;
