-- 0170 catalog comments that named the specification documents (which are not
-- in this repository) say what the object is instead.

comment on column public.agent_jobs.celery_task_id is 'Kept for compatibility with the original job schema; unused by the Edge Function engine.';
comment on table public.project_manifests is 'The project''s file tree after each change set (code stage, save, refactor, rollback, import), numbered 1, 2, 3 … per project.';
comment on table public.message_artifacts is 'What an agent message carries: requirementsArtifact, architectureArtifact, generatedFileMap, review.';
comment on function public.chat_stage_label(text) is
  'How the chat names a stage: the engine''s (research, wireframe, code, qa) and the build''s (requirements … reviewer_pass_N, sandbox_tests_attempt_N).';
comment on view public.migration_history is 'The applied migrations, served by supabase_migrations.schema_migrations (the CLI records no apply time).';
comment on table public.sandbox_runs is 'Runs of a job''s generated app in the sandbox runner (the sandbox_tests_attempt_N stages): status, results and route screenshots.';
