-- =============================================================================
-- 0005 duration_minutes on daily_sessions
-- =============================================================================

alter table public.daily_sessions
  add column duration_minutes int default 0 not null;

comment on column public.daily_sessions.duration_minutes is 'Length of the mentor session in minutes.';
