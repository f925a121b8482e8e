-- =============================================================================
-- Baseline studio schema: Studio's tables: providers, models, templates, lookups, orders, items, products, collections, tags, logs, settings
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- =============================================================================

-- =============================================================================
-- Studio: providers, models, templates, lookups, orders, order items, products,
-- collections, tags, generation logs, system settings. User-scoped through
-- projects (project columns join projects); RLS on every table. The backend
-- (service role) is the only writer of orders' progress, items, products and logs.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- providers and models (global catalogue; keys never leave the backend)
-- -----------------------------------------------------------------------------
create table public.providers (
  id text primary key,
  name text not null,
  api_base_url text,
  is_enabled boolean default true not null,
  rate_limit_requests int check (rate_limit_requests > 0),
  rate_limit_tokens int check (rate_limit_tokens > 0),
  concurrent_limit int check (concurrent_limit > 0),
  settings jsonb default '{}'::jsonb not null,
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null
);

comment on table public.providers is 'Generation providers (replicate, fal, civitai, openai-compatible, offline) with their endpoint and limits; keys live in provider_secrets.';
comment on column public.providers.name is 'Display name.';
comment on column public.providers.api_base_url is 'Base URL of the provider''s HTTP API (configurable: self-hosted or a test fake).';
comment on column public.providers.is_enabled is 'Orders for a disabled provider are refused.';
comment on column public.providers.rate_limit_requests is 'Requests per minute the worker may send (null: unlimited).';
comment on column public.providers.rate_limit_tokens is 'Tokens per minute: no request starts while the calls begun in the last minute reported this many (null: unlimited; providers that report no tokens never reach it).';
comment on column public.providers.concurrent_limit is 'Requests in flight at once across all workers (null: unlimited).';
comment on column public.providers.settings is 'Provider-specific options, e.g. {"kind": "replicate"} selecting the adapter.';

create trigger providers_updated_at before update on public.providers
  for each row execute function public.handle_updated_at();

-- providers.api_key_encrypted, in a table of its own: RLS (no
-- policy at all) keeps it from every API role, which a column grant alone
-- would not do on every Data API implementation.
create table public.provider_secrets (
  provider_id text primary key references public.providers(id) on delete cascade,
  api_key_encrypted text not null,
  updated_at timestamptz default now() not null
);

comment on table public.provider_secrets is 'Encrypted provider API keys; read and written only by Edge Functions (service role).';
comment on column public.provider_secrets.provider_id is 'The provider the key is for.';
comment on column public.provider_secrets.api_key_encrypted is 'AES-256-GCM ciphertext, base64(iv || ciphertext), of the API key; the key to it is the functions'' STUDIO_SECRETS_KEY.';

create trigger provider_secrets_updated_at before update on public.provider_secrets
  for each row execute function public.handle_updated_at();

create table public.models (
  id uuid default extensions.uuid_generate_v4() primary key,
  provider_id text references public.providers(id) not null,
  model_id text not null,
  name text not null,
  family text,
  modality text not null,
  version text,
  is_available boolean default true not null,
  parameter_schema jsonb default '{"type": "object"}'::jsonb not null,
  capabilities jsonb default '{}'::jsonb not null,
  pricing jsonb default '{}'::jsonb not null,
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null,
  unique (provider_id, model_id)
);

comment on table public.models is 'Models of each provider with the JSON Schema their order parameters must satisfy.';
comment on column public.models.provider_id is 'The provider serving the model.';
comment on column public.models.model_id is 'The provider''s identifier of the model.';
comment on column public.models.name is 'Display name.';
comment on column public.models.family is 'stable-diffusion, flux, dall-e, pattern, …';
comment on column public.models.modality is 'text-to-image, image-to-image, text-to-video, text-to-audio, …';
comment on column public.models.version is 'Provider version string (e.g. a Replicate version hash).';
comment on column public.models.is_available is 'Orders for an unavailable model are refused.';
comment on column public.models.parameter_schema is 'JSON Schema (draft 2020-12) of one generation''s parameters; list values in an order expand over it.';
comment on column public.models.capabilities is 'Features of the model, e.g. {"max_width": 1024}.';
comment on column public.models.pricing is 'Cost per generation, e.g. {"usd_per_image": 0.003}.';

create index models_provider_id_idx on public.models (provider_id);
create index models_family_idx on public.models (family);
create index models_modality_idx on public.models (modality);

create trigger models_updated_at before update on public.models
  for each row execute function public.handle_updated_at();

-- -----------------------------------------------------------------------------
-- templates and lookups
-- -----------------------------------------------------------------------------
create table public.templates (
  id uuid default extensions.uuid_generate_v4() primary key,
  name text not null check (length(name) between 1 and 255),
  description text,
  provider text not null,
  model text not null,
  parameter_set jsonb not null,
  project_id uuid references public.projects(id) on delete cascade,
  is_global boolean default false not null,
  usage_count int default 0 not null,
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null,
  check (is_global or project_id is not null)
);

comment on table public.templates is 'Saved order parameter sets: a project''s own, or global ones everybody may use.';
comment on column public.templates.name is 'Display name.';
comment on column public.templates.description is 'What the template makes.';
comment on column public.templates.provider is 'Provider id the parameters are for.';
comment on column public.templates.model is 'Model id (the provider''s) the parameters are for.';
comment on column public.templates.parameter_set is 'The saved base parameter set (lists expand as in an order).';
comment on column public.templates.project_id is 'Owning project; null for global templates.';
comment on column public.templates.is_global is 'Readable by every signed-in user; only the backend writes global templates.';
comment on column public.templates.usage_count is 'Orders placed from the template (trigger-maintained).';

create index templates_provider_model_idx on public.templates (provider, model);
create index templates_project_id_idx on public.templates (project_id);
create index templates_is_global_idx on public.templates (is_global);

create trigger templates_updated_at before update on public.templates
  for each row execute function public.handle_updated_at();

create table public.lookups (
  id uuid default extensions.uuid_generate_v4() primary key,
  key text not null unique,
  values jsonb not null,
  description text,
  category text,
  is_system boolean default false not null,
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null
);

comment on table public.lookups is 'Named value lists for the order form (sizes, styles, …).';
comment on column public.lookups.key is 'Unique name of the list.';
comment on column public.lookups.values is 'Array of values.';
comment on column public.lookups.description is 'What the list is for.';
comment on column public.lookups.category is 'Grouping in the UI.';
comment on column public.lookups.is_system is 'Shipped with CodeForge.';

create index lookups_category_idx on public.lookups (category);

-- -----------------------------------------------------------------------------
-- orders and their items
-- -----------------------------------------------------------------------------
create table public.orders (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  provider text not null,
  model text not null,
  model_family text,
  model_modality text,
  status text default 'pending' not null check (status in ('pending', 'processing', 'fulfilled', 'failed', 'cancelled')),
  base_parameter_set jsonb not null,
  expanded_count int default 0 not null,
  completed_count int default 0 not null,
  failed_count int default 0 not null,
  template_id uuid references public.templates(id) on delete set null,
  job_id uuid references public.agent_jobs(id) on delete set null,
  search_vector tsvector,
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null,
  deleted_at timestamptz
);

comment on table public.orders is 'A batch generation request: one model, a base parameter set whose lists expand into order items.';
comment on column public.orders.project_id is 'The project the products land in.';
comment on column public.orders.provider is 'Provider id.';
comment on column public.orders.model is 'The provider''s model id.';
comment on column public.orders.model_family is 'Copied from the model at order time.';
comment on column public.orders.model_modality is 'Copied from the model at order time (text-to-image, …).';
comment on column public.orders.status is 'pending → processing → fulfilled | failed | cancelled (failed: every item failed).';
comment on column public.orders.base_parameter_set is 'The user''s parameters; list values expand into the cartesian product.';
comment on column public.orders.expanded_count is 'Number of order items after expansion.';
comment on column public.orders.completed_count is 'Items finished with a product (trigger-maintained).';
comment on column public.orders.failed_count is 'Items that failed after their retries (trigger-maintained).';
comment on column public.orders.template_id is 'The template the order was placed from, if any.';
comment on column public.orders.job_id is 'The agent_jobs row (agent_type studio) that runs the items.';
comment on column public.orders.search_vector is 'Full-text index of the parameters'' text, provider and model (trigger-maintained).';
comment on column public.orders.deleted_at is 'Soft delete: hidden from normal reads, restorable until retention purges it.';

create index orders_project_id_idx on public.orders (project_id);
create index orders_status_idx on public.orders (status);
create index orders_provider_model_idx on public.orders (provider, model);
create index orders_created_at_idx on public.orders (created_at);
create index orders_template_id_idx on public.orders (template_id);
create index orders_job_id_idx on public.orders (job_id);
create index orders_search_idx on public.orders using gin (search_vector);
create index orders_parameters_idx on public.orders using gin (base_parameter_set);

create trigger orders_updated_at before update on public.orders
  for each row execute function public.handle_updated_at();

create table public.order_items (
  id uuid default extensions.uuid_generate_v4() primary key,
  order_id uuid references public.orders(id) on delete cascade not null,
  sequence_number int not null check (sequence_number >= 1),
  status text default 'pending' not null check (status in ('pending', 'generating', 'complete', 'failed', 'cancelled')),
  generation_parameter_set jsonb not null,
  actual_parameter_set jsonb,
  return_parameter_set jsonb,
  provider_request_id text,
  started_at timestamptz,
  completed_at timestamptz,
  error_message text,
  retry_count int default 0 not null,
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null,
  unique (order_id, sequence_number)
);

comment on table public.order_items is 'One generation of an order: one combination of the expanded parameters.';
comment on column public.order_items.order_id is 'The order.';
comment on column public.order_items.sequence_number is 'Position in the expansion, 1…expanded_count, stable for a given parameter set.';
comment on column public.order_items.status is 'pending → generating → complete | failed; cancelled when the order is cancelled first.';
comment on column public.order_items.generation_parameter_set is 'This combination of the order''s parameters.';
comment on column public.order_items.actual_parameter_set is 'The parameters sent to the provider.';
comment on column public.order_items.return_parameter_set is 'What the provider returned about the generation (seed used, timings, …).';
comment on column public.order_items.provider_request_id is 'The provider''s id of the request, for tracking.';
comment on column public.order_items.started_at is 'When the first attempt started.';
comment on column public.order_items.completed_at is 'When the item became complete or failed.';
comment on column public.order_items.error_message is 'The last error.';
comment on column public.order_items.retry_count is 'Attempts after the first one.';

create index order_items_status_idx on public.order_items (status);

create trigger order_items_updated_at before update on public.order_items
  for each row execute function public.handle_updated_at();

-- -----------------------------------------------------------------------------
-- products
-- -----------------------------------------------------------------------------
create table public.products (
  id uuid default extensions.uuid_generate_v4() primary key,
  order_item_id uuid references public.order_items(id) on delete set null,
  project_id uuid references public.projects(id) on delete cascade not null,
  type text not null check (type in ('image', 'video', 'audio')),
  file_path text not null,
  file_size bigint,
  file_hash text check (file_hash ~ '^[0-9a-f]{64}$'),
  thumbnail_paths jsonb default '{}'::jsonb not null,
  width int,
  height int,
  duration float,
  mime_type text,
  metadata jsonb default '{}'::jsonb not null,
  liked boolean default false not null,
  rating int check (rating between 1 and 5),
  notes text,
  search_vector tsvector,
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null,
  deleted_at timestamptz
);

comment on table public.products is 'A generated file (image, video, audio) in the Storage bucket "studio", with its thumbnails and the owner''s rating.';
comment on column public.products.order_item_id is 'The order item that made it.';
comment on column public.products.project_id is 'The project it belongs to.';
comment on column public.products.type is 'image | video | audio.';
comment on column public.products.file_path is 'Object name in the bucket "studio": <user_id>/<project_id>/<file_hash>.<ext>; identical outputs share one file.';
comment on column public.products.file_size is 'Bytes.';
comment on column public.products.file_hash is 'SHA-256 of the file (hex): identical outputs are stored once.';
comment on column public.products.thumbnail_paths is '{small, medium, large} object names in the bucket "studio".';
comment on column public.products.width is 'Pixels (images, video).';
comment on column public.products.height is 'Pixels (images, video).';
comment on column public.products.duration is 'Seconds (video, audio).';
comment on column public.products.mime_type is 'e.g. image/png.';
comment on column public.products.metadata is 'Provider, model, the generation parameters and what the provider returned.';
comment on column public.products.liked is 'The owner liked it.';
comment on column public.products.rating is '1-5 stars, or null.';
comment on column public.products.notes is 'The owner''s notes.';
comment on column public.products.search_vector is 'Full-text index of the parameters'' text, notes and type (trigger-maintained).';
comment on column public.products.deleted_at is 'Soft delete: hidden from normal reads, restorable for 90 days (system_settings), then purged with its files.';

create index products_project_id_idx on public.products (project_id);
create index products_order_item_id_idx on public.products (order_item_id);
create index products_type_idx on public.products (type);
create index products_liked_idx on public.products (liked);
create index products_file_hash_idx on public.products (file_hash);
create index products_created_at_idx on public.products (created_at);
create index products_deleted_at_idx on public.products (deleted_at) where deleted_at is not null;
create index products_search_idx on public.products using gin (search_vector);
create index products_metadata_idx on public.products using gin (metadata);

create trigger products_updated_at before update on public.products
  for each row execute function public.handle_updated_at();

-- -----------------------------------------------------------------------------
-- collections
-- -----------------------------------------------------------------------------
create table public.collections (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  name text not null check (length(name) between 1 and 255),
  description text,
  cover_product_id uuid references public.products(id) on delete set null,
  product_count int default 0 not null,
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null,
  deleted_at timestamptz
);

comment on table public.collections is 'An ordered selection of a project''s products with a cover.';
comment on column public.collections.project_id is 'The project whose products it gathers.';
comment on column public.collections.name is 'Display name.';
comment on column public.collections.description is 'What it gathers.';
comment on column public.collections.cover_product_id is 'The product shown as its cover.';
comment on column public.collections.product_count is 'Products in it (trigger-maintained).';
comment on column public.collections.deleted_at is 'Soft delete: hidden from normal reads, restorable.';

create index collections_project_id_idx on public.collections (project_id);
create index collections_cover_product_id_idx on public.collections (cover_product_id);
create index collections_created_at_idx on public.collections (created_at);

create trigger collections_updated_at before update on public.collections
  for each row execute function public.handle_updated_at();

create table public.collection_products (
  collection_id uuid references public.collections(id) on delete cascade not null,
  product_id uuid references public.products(id) on delete cascade not null,
  position int default 0 not null,
  added_at timestamptz default now() not null,
  primary key (collection_id, product_id)
);

comment on table public.collection_products is 'Membership of products in collections, with their order.';
comment on column public.collection_products.collection_id is 'The collection.';
comment on column public.collection_products.product_id is 'The product (of the collection''s project).';
comment on column public.collection_products.position is 'Sort key within the collection (ascending).';
comment on column public.collection_products.added_at is 'When the product was added.';

create index collection_products_product_id_idx on public.collection_products (product_id);

-- -----------------------------------------------------------------------------
-- tags (per project: two users may both have a tag "hero")
-- -----------------------------------------------------------------------------
create table public.tags (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  name text not null check (length(name) between 1 and 100),
  color text check (color ~ '^#[0-9a-fA-F]{6}$'),
  description text,
  usage_count int default 0 not null,
  created_at timestamptz default now() not null,
  unique (project_id, name)
);

comment on table public.tags is 'Labels of a project''s products, collections and orders, with a colour.';
comment on column public.tags.project_id is 'The project the tag belongs to.';
comment on column public.tags.name is 'Unique within the project.';
comment on column public.tags.color is 'Hex colour #rrggbb.';
comment on column public.tags.description is 'What the tag means.';
comment on column public.tags.usage_count is 'Associations of the tag (trigger-maintained).';

create index tags_name_idx on public.tags (name);

create table public.tag_associations (
  tag_id uuid references public.tags(id) on delete cascade not null,
  entity_type text not null check (entity_type in ('project', 'product', 'collection', 'order')),
  entity_id uuid not null,
  created_at timestamptz default now() not null,
  primary key (tag_id, entity_type, entity_id)
);

comment on table public.tag_associations is 'A tag on a project, product, collection or order (of the tag''s project).';
comment on column public.tag_associations.tag_id is 'The tag.';
comment on column public.tag_associations.entity_type is 'project | product | collection | order.';
comment on column public.tag_associations.entity_id is 'Id of the tagged row.';

create index tag_associations_entity_idx on public.tag_associations (entity_type, entity_id);

-- -----------------------------------------------------------------------------
-- generation logs, settings, provider call ledger
-- -----------------------------------------------------------------------------
create table public.generation_logs (
  id uuid default extensions.uuid_generate_v4() primary key,
  order_item_id uuid references public.order_items(id) on delete cascade not null,
  timestamp timestamptz default now() not null,
  level text not null check (level in ('INFO', 'WARNING', 'ERROR')),
  message text not null,
  details jsonb default '{}'::jsonb not null
);

comment on table public.generation_logs is 'Per-item log of a generation: attempts, provider answers, errors. Purged after 30 days (system_settings).';
comment on column public.generation_logs.order_item_id is 'The item.';
comment on column public.generation_logs.timestamp is 'When it was logged.';
comment on column public.generation_logs.level is 'INFO | WARNING | ERROR.';
comment on column public.generation_logs.message is 'The line.';
comment on column public.generation_logs.details is 'Structured details (attempt, status, duration_ms, …).';

create index generation_logs_order_item_id_idx on public.generation_logs (order_item_id);
create index generation_logs_timestamp_idx on public.generation_logs (timestamp);
create index generation_logs_level_idx on public.generation_logs (level);

create table public.system_settings (
  key text primary key,
  value jsonb not null,
  description text,
  updated_at timestamptz default now() not null
);

comment on table public.system_settings is 'Studio-wide settings: retention windows, expansion limit, retries, batch size.';
comment on column public.system_settings.key is 'Setting name, e.g. retention.generation_logs_days.';
comment on column public.system_settings.value is 'The value (JSON).';
comment on column public.system_settings.description is 'What it controls.';

create trigger system_settings_updated_at before update on public.system_settings
  for each row execute function public.handle_updated_at();

create table public.provider_calls (
  id bigint generated always as identity primary key,
  provider_id text references public.providers(id) on delete cascade not null,
  order_item_id uuid references public.order_items(id) on delete set null,
  started_at timestamptz default now() not null,
  finished_at timestamptz,
  hold_until timestamptz not null,
  -- providers.rate_limit_tokens ("tokens per minute") enforced: a
  -- call records the tokens its provider reports (OpenAI-compatible images
  -- answer with usage.total_tokens), and no new request starts while the calls
  -- begun in the last minute reported the limit or more. Tokens are known only
  -- once a call ends, so requests already in flight may overshoot it.
  tokens int check (tokens >= 0)
);

comment on table public.provider_calls is 'Ledger of requests to providers: the worker takes a slot before each call, so rate_limit_requests and concurrent_limit hold across workers.';
comment on column public.provider_calls.provider_id is 'The provider called.';
comment on column public.provider_calls.order_item_id is 'The item the call generates.';
comment on column public.provider_calls.started_at is 'When the slot was taken.';
comment on column public.provider_calls.finished_at is 'When the call ended; null while in flight.';
comment on column public.provider_calls.hold_until is 'A slot of a worker that died stops counting as in flight after this.';

create index provider_calls_provider_started_idx on public.provider_calls (provider_id, started_at);
create index provider_calls_order_item_id_idx on public.provider_calls (order_item_id);

-- -----------------------------------------------------------------------------
-- RLS
-- -----------------------------------------------------------------------------
alter table public.providers enable row level security;
alter table public.models enable row level security;
alter table public.templates enable row level security;
alter table public.lookups enable row level security;
alter table public.orders enable row level security;
alter table public.order_items enable row level security;
alter table public.products enable row level security;
alter table public.collections enable row level security;
alter table public.collection_products enable row level security;
alter table public.tags enable row level security;
alter table public.tag_associations enable row level security;
alter table public.generation_logs enable row level security;
alter table public.system_settings enable row level security;
alter table public.provider_calls enable row level security;
alter table public.provider_secrets enable row level security;

create policy "Signed-in users can view providers"
  on public.providers for select to authenticated using (true);

create policy "Signed-in users can view models"
  on public.models for select to authenticated using (true);

create policy "Signed-in users can view lookups"
  on public.lookups for select to authenticated using (true);

create policy "Signed-in users can view system settings"
  on public.system_settings for select to authenticated using (true);

create policy "Users can view global templates and their projects' templates"
  on public.templates for select to authenticated
  using (is_global or exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

create policy "Project owners can create templates"
  on public.templates for insert to authenticated
  with check (not is_global and exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

create policy "Project owners can update their templates"
  on public.templates for update to authenticated
  using (not is_global and exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())))
  with check (not is_global and exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

create policy "Project owners can delete their templates"
  on public.templates for delete to authenticated
  using (not is_global and exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

-- Orders are placed and advanced by the studio function; owners read live ones.
create policy "Project owners can view their live orders"
  on public.orders for select to authenticated
  using (deleted_at is null and exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

create policy "Project owners can view the items of their orders"
  on public.order_items for select to authenticated
  using (exists (select 1 from public.orders o join public.projects p on p.id = o.project_id
                 where o.id = order_id and p.user_id = (select auth.uid())));

create policy "Project owners can view the logs of their items"
  on public.generation_logs for select to authenticated
  using (exists (select 1 from public.order_items i join public.orders o on o.id = i.order_id join public.projects p on p.id = o.project_id
                 where i.id = order_item_id and p.user_id = (select auth.uid())));

create policy "Project owners can view their live products"
  on public.products for select to authenticated
  using (deleted_at is null and exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

-- Owners rate, like and annotate; everything else about a product is the backend's.
revoke update on public.products from anon, authenticated;

create policy "Project owners can rate their live products"
  on public.products for update to authenticated
  using (deleted_at is null and exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())))
  with check (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

create policy "Project owners can view their live collections"
  on public.collections for select to authenticated
  using (deleted_at is null and exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

create policy "Project owners can create collections"
  on public.collections for insert to authenticated
  with check (deleted_at is null and exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

revoke update on public.collections from anon, authenticated;
grant update (name, description, cover_product_id) on public.collections to authenticated;

create policy "Project owners can update their live collections"
  on public.collections for update to authenticated
  using (deleted_at is null and exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())))
  with check (
    exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid()))
    and (cover_product_id is null or exists (select 1 from public.products pr where pr.id = cover_product_id and pr.project_id = collections.project_id)));

create policy "Project owners can manage the products of their collections"
  on public.collection_products for all to authenticated
  using (exists (select 1 from public.collections c join public.projects p on p.id = c.project_id
                 where c.id = collection_id and p.user_id = (select auth.uid())))
  with check (exists (select 1 from public.collections c join public.projects p on p.id = c.project_id
                        join public.products pr on pr.project_id = c.project_id
                      where c.id = collection_id and pr.id = product_id and p.user_id = (select auth.uid())));

create policy "Project owners can manage their tags"
  on public.tags for all to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())))
  with check (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

revoke update on public.tags from anon, authenticated;

-- The tagged row must belong to the tag's project (checked per entity type).
create policy "Project owners can tag their own rows"
  on public.tag_associations for all to authenticated
  using (exists (select 1 from public.tags t join public.projects p on p.id = t.project_id
                 where t.id = tag_id and p.user_id = (select auth.uid())))
  with check (exists (
    select 1 from public.tags t join public.projects p on p.id = t.project_id
    where t.id = tag_id and p.user_id = (select auth.uid())
      and case entity_type
        when 'project' then entity_id = t.project_id
        when 'product' then exists (select 1 from public.products x where x.id = entity_id and x.project_id = t.project_id)
        when 'collection' then exists (select 1 from public.collections x where x.id = entity_id and x.project_id = t.project_id)
        when 'order' then exists (select 1 from public.orders x where x.id = entity_id and x.project_id = t.project_id)
      end));

revoke insert, delete on public.products from anon, authenticated;
