-- =============================================================================
-- Baseline owner columns: what an owner may write, column by column
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- =============================================================================

-- =============================================================================
-- what an owner may write on projects and chat threads, column by column,
-- as products and collections say it (studio schema and functions): column grants, and
-- the same list in a trigger for Data API implementations that skip grants.
--
-- projects, owner-writable: title, description, mode, tech_stack, settings
--   (the owner's idea and options), featured_product_ids (the Studio page);
--   status only to archive the project or restore it to planning.
-- projects, the system's: user_id, requirements_spec, architecture_spec and
--   status otherwise (the agents), product_count, order_count (triggers),
--   deleted_at (set_project_deleted), created_at, updated_at.
-- chat_threads, owner-writable: title; project_id only when starting a thread
--   (then start_chat_run); last_message_at/_preview follow the messages.
-- collections have no is_public flag: sharing needs more than a flag (which
--   product columns and Storage objects others may see).
-- =============================================================================

revoke insert, update on public.projects from anon, authenticated;
grant insert (user_id, title, description, mode, tech_stack, settings) on public.projects to authenticated;
grant update (title, description, mode, tech_stack, settings, featured_product_ids, status) on public.projects to authenticated;

create trigger projects_owner_columns before update on public.projects
  for each row execute function public.guard_owner_columns('title', 'description', 'mode', 'tech_stack', 'settings', 'featured_product_ids', 'status');

create or replace function public.guard_project_status()
returns trigger language plpgsql set search_path = '' as $$
begin
  if current_user in ('authenticated', 'anon') and new.status is distinct from old.status
     and not (new.status = 'archived' or (old.status = 'archived' and new.status = 'planning')) then
    raise exception 'A project''s status follows its jobs; its owner may only archive it or restore it to planning'
      using errcode = '42501';
  end if;
  return new;
end;
$$;

comment on function public.guard_project_status() is
  'Trigger function: a signed-in user may only move a project to archived, or from archived back to planning; every other status comes from its jobs.';

create trigger projects_owner_status before update of status on public.projects
  for each row execute function public.guard_project_status();

revoke insert, update on public.chat_threads from anon, authenticated;
grant insert (user_id, title, project_id) on public.chat_threads to authenticated;
grant update (title) on public.chat_threads to authenticated;

create trigger chat_threads_owner_columns before update on public.chat_threads
  for each row execute function public.guard_owner_columns('title');

revoke execute on function public.handle_chat_message_written() from public, anon, authenticated;
revoke execute on function public.guard_project_status() from public, anon, authenticated;
