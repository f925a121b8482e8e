-- =============================================================================
-- Baseline table privileges: the API roles' table privileges in one place.
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- Only grants and revokes: running it again changes nothing.
-- =============================================================================

-- RLS is the first line, these the second. (@supabase/lite's first RLS
-- request would widen them to ALL; local/db/lite-privileges.ts stops that.)

revoke all on public.provider_secrets, public.provider_calls from anon, authenticated;
revoke all on public.migration_history from public, anon, authenticated;
revoke insert, update, delete on public.orders, public.order_items, public.generation_logs, public.providers,
  public.models, public.lookups, public.system_settings from anon, authenticated;
revoke insert, update, delete on public.notifications from anon, authenticated;
grant update (read_at) on public.notifications to authenticated;

-- Revoking a table's update also takes its column grants: both are restated.
revoke insert, update, delete on public.products from anon, authenticated;
grant update (liked, rating, notes) on public.products to authenticated;
revoke update on public.collections, public.tags from anon, authenticated;
grant update (name, description, cover_product_id) on public.collections to authenticated;
grant update (name, color, description) on public.tags to authenticated;
