-- =============================================================================
-- 0095 Safe file paths. A project file's path is a normalised relative path:
-- 1 to 500 characters, no leading "/", no backslash, no control character, no
-- drive prefix ("C:"), and no empty, "." or ".." segment. Every writer of
-- project_files (the REST API, the editor, imports, the agents, rollback and
-- refactor apply) goes through this, so an export can never carry an entry
-- that unpacks outside its folder (zip-slip).
-- The rule is written inline rather than as a function so that it adds nothing
-- callable through /rpc. NOT VALID: rows written before this migration are not
-- rejected at deploy time (the export refuses them instead).
-- =============================================================================

alter table public.project_files
  add constraint project_files_path_is_safe check (
    char_length(path) between 1 and 500
    and path !~ '[\x01-\x1f\x7f\\]'
    and path !~ '^/'
    and path !~ '^[A-Za-z]:'
    and path !~ '(^|/)\.{0,2}(/|$)'
  ) not valid;

comment on constraint project_files_path_is_safe on public.project_files is
  'A normalised relative path: 1-500 characters, no leading /, backslash, control character, drive prefix, or empty/./.. segment.';
