-- =============================================================================
-- Baseline table privileges: the API roles' privileges on the tables below,
-- narrowed from what a new table in public gets (ALL for anon, authenticated
-- and service_role). RLS is the first line, these the second.
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- Only grants and revokes: running it again changes nothing, and it narrows a
-- database whose privileges were widened (tests/db/rls-matrix.test.ts).
-- =============================================================================

revoke all on public.provider_secrets, public.provider_calls from anon, authenticated;
revoke all on public.migration_history from public, anon, authenticated;
revoke insert, update, delete on public.orders, public.order_items, public.generation_logs, public.providers,
  public.models, public.lookups, public.system_settings from anon, authenticated;

-- Only read_at may change: the rest is the trigger's record. The column grant
-- says so to PostgREST; the trigger holds whatever path the update takes.
revoke insert, update, delete on public.notifications from anon, authenticated;
grant update (read_at) on public.notifications to authenticated;

-- Revoking a table's update also takes its column grants: both are restated.
revoke insert, update, delete on public.products from anon, authenticated;
grant update (liked, rating, notes) on public.products to authenticated;
revoke update on public.collections, public.tags from anon, authenticated;
grant update (name, description, cover_product_id) on public.collections to authenticated;
grant update (name, color, description) on public.tags to authenticated;
