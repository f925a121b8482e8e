-- =============================================================================
-- 0102 the API roles' table privileges, restated: a local data directory that
-- an older CodeForge stack served had them widened to ALL by @supabase/lite's
-- first RLS request (local/db/lite-privileges.ts now stops that). On a
-- database that never had them widened, hosted Supabase included, this
-- changes nothing. RLS held throughout; these are the second line.
-- =============================================================================

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
