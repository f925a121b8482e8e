-- =============================================================================
-- 0012 projects.settings: per-project options,
-- starting with the job budget new runs inherit.
-- =============================================================================

alter table public.projects
  add column settings jsonb default '{}'::jsonb not null;

comment on column public.projects.settings is
  'Per-project options, e.g. {"budget": {"max_tokens": 200000, "max_cost_usd": 1.5}} — the budget every new job of the project starts with.';
