-- =============================================================================
-- 0120 adjust_pattern_score(): the learning loop's feedback on a pattern
-- An app built on a pattern that fails QA or its fidelity check lowers the
-- pattern's success_score; one statement, so concurrent jobs cannot lose an
-- update. Only the service role (the worker) may call it.
-- =============================================================================

create or replace function public.adjust_pattern_score(p_pattern_id uuid, p_delta float)
returns float
language sql
volatile
set search_path = ''
as $$
  update public.pattern_embeddings
     set success_score = greatest(0, least(1, round((coalesce(success_score, 0.8) + p_delta)::numeric, 2)::float))
   where id = p_pattern_id
  returning success_score;
$$;

comment on function public.adjust_pattern_score(uuid, float) is
  'Moves a pattern''s success_score by p_delta, kept within 0-1; returns the new score (null when no such pattern). Service role only.';

revoke execute on function public.adjust_pattern_score(uuid, float) from public, anon, authenticated;
grant execute on function public.adjust_pattern_score(uuid, float) to service_role;
