-- =============================================================================
-- 0006 CHECK constraint on projects.status
-- =============================================================================

alter table public.projects
  add constraint projects_status_check
  check (status in ('planning', 'in-progress', 'building', 'completed', 'archived'));
