-- =============================================================================
-- Baseline studio catalog: Studio's default providers, models, lookups and templates
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- =============================================================================

-- =============================================================================
-- Studio defaults: providers and
-- models with their parameter JSON Schemas, system settings, lookups, a global
-- template, the private Storage bucket "studio", and the retention schedule.
-- =============================================================================

insert into public.providers (id, name, api_base_url, is_enabled, rate_limit_requests, concurrent_limit, settings) values
  ('offline', 'Offline renderer (no key, deterministic)', null, true, null, 4, '{"kind": "offline"}'),
  ('replicate', 'Replicate', 'https://api.replicate.com/v1', true, 600, 4, '{"kind": "replicate", "key_env": "REPLICATE_API_TOKEN"}'),
  ('fal', 'fal', 'https://fal.run', true, 600, 4, '{"kind": "fal", "key_env": "FAL_KEY"}'),
  ('openai', 'OpenAI-compatible images', 'https://api.openai.com/v1', true, 60, 2, '{"kind": "openai", "key_env": "OPENAI_API_KEY"}'),
  -- Civitai's adapter (shared/studio/providers/civitai.ts) speaks the Orchestrator's
  -- v2 consumer API, whose root is orchestration.civitai.com, not the site API.
  ('civitai', 'Civitai', 'https://orchestration.civitai.com', true, 60, 2, '{"kind": "civitai", "key_env": "CIVITAI_API_TOKEN"}');

-- Lookups are choice lists for the order form: a model parameter names the
-- lookup offering its usual values with the JSON Schema annotation "x-lookup"
-- (validators ignore unknown keywords); the form shows those of the values the
-- parameter's schema accepts as one-click picks.
insert into public.models (provider_id, model_id, name, family, modality, version, parameter_schema, capabilities, pricing) values
  ('offline', 'pattern-v1', 'Offline pattern renderer', 'pattern', 'text-to-image', '1', $json${
    "type": "object",
    "properties": {
      "prompt": {"type": "string", "minLength": 1, "maxLength": 1000, "title": "Prompt"},
      "negative_prompt": {"type": "string", "maxLength": 1000, "title": "Negative prompt"},
      "seed": {"type": "integer", "minimum": 0, "maximum": 2147483647, "title": "Seed"},
      "width": {"type": "integer", "minimum": 64, "maximum": 1024, "multipleOf": 64, "default": 512, "title": "Width", "x-lookup": "image_sizes"},
      "height": {"type": "integer", "minimum": 64, "maximum": 1024, "multipleOf": 64, "default": 512, "title": "Height", "x-lookup": "image_sizes"},
      "style": {"type": "string", "enum": ["geometric", "waves", "bokeh"], "default": "geometric", "title": "Style"}
    },
    "required": ["prompt"],
    "additionalProperties": false
  }$json$, '{"output": "image/png"}', '{"usd_per_image": 0}'),
  ('replicate', 'black-forest-labs/flux-schnell', 'FLUX.1 [schnell]', 'flux', 'text-to-image', null, $json${
    "type": "object",
    "properties": {
      "prompt": {"type": "string", "minLength": 1, "maxLength": 2000, "title": "Prompt"},
      "seed": {"type": "integer", "minimum": 0, "title": "Seed"},
      "aspect_ratio": {"type": "string", "enum": ["1:1", "16:9", "9:16", "4:3", "3:4"], "default": "1:1", "title": "Aspect ratio"},
      "num_inference_steps": {"type": "integer", "minimum": 1, "maximum": 4, "default": 4, "title": "Steps"},
      "output_format": {"type": "string", "enum": ["png", "webp", "jpg"], "default": "png", "title": "Format"}
    },
    "required": ["prompt"],
    "additionalProperties": false
  }$json$, '{"output": "image"}', '{"usd_per_image": 0.003}'),
  ('fal', 'fal-ai/flux/schnell', 'FLUX.1 [schnell] on fal', 'flux', 'text-to-image', null, $json${
    "type": "object",
    "properties": {
      "prompt": {"type": "string", "minLength": 1, "maxLength": 2000, "title": "Prompt"},
      "seed": {"type": "integer", "minimum": 0, "title": "Seed"},
      "image_size": {"type": "string", "enum": ["square", "square_hd", "portrait_4_3", "landscape_4_3", "landscape_16_9"], "default": "square", "title": "Size"},
      "num_inference_steps": {"type": "integer", "minimum": 1, "maximum": 12, "default": 4, "title": "Steps"}
    },
    "required": ["prompt"],
    "additionalProperties": false
  }$json$, '{"output": "image"}', '{"usd_per_image": 0.003}'),
  ('openai', 'gpt-image-1', 'GPT Image 1 (or any OpenAI-compatible images model)', 'gpt-image', 'text-to-image', null, $json${
    "type": "object",
    "properties": {
      "prompt": {"type": "string", "minLength": 1, "maxLength": 4000, "title": "Prompt"},
      "size": {"type": "string", "enum": ["1024x1024", "1024x1536", "1536x1024"], "default": "1024x1024", "title": "Size"},
      "quality": {"type": "string", "enum": ["low", "medium", "high"], "default": "low", "title": "Quality"}
    },
    "required": ["prompt"],
    "additionalProperties": false
  }$json$, '{"output": "image/png"}', '{"usd_per_image": 0.011}'),
  ('civitai', 'urn:air:sdxl:checkpoint:civitai:101055@128078', 'SDXL base (Civitai)', 'stable-diffusion', 'text-to-image', '1.0', $json${
    "type": "object",
    "properties": {
      "prompt": {"type": "string", "minLength": 1, "title": "Prompt"},
      "negative_prompt": {"type": "string", "title": "Negative prompt"},
      "seed": {"type": "integer", "minimum": 0, "title": "Seed"}
    },
    "required": ["prompt"],
    "additionalProperties": false
  }$json$, '{"output": "image"}', '{}');

insert into public.system_settings (key, value, description) values
  ('retention.generation_logs_days', '30', 'Generation logs older than this many days are deleted.'),
  ('retention.deleted_products_days', '90', 'Products (and orders, collections) soft-deleted longer than this many days are purged with their files.'),
  ('retention.orphan_grace_seconds', '3600', 'A Storage object no product references is removed once older than this.'),
  ('studio.max_expanded_items', '500', 'Most items one order may expand into.'),
  ('studio.item_max_retries', '2', 'Retries of a failing item before it is marked failed.'),
  ('studio.batch_size', '4', 'Items one worker step generates (concurrently, within the provider''s limits).');

insert into public.lookups (key, values, description, category, is_system) values
  ('image_sizes', '[256, 512, 768, 1024]', 'Common square edge lengths in pixels.', 'size', true),
  ('styles', '["geometric", "waves", "bokeh"]', 'Styles of the offline renderer.', 'style', true),
  ('aspect_ratios', '["1:1", "16:9", "9:16", "4:3", "3:4"]', 'Aspect ratios providers accept.', 'size', true);

insert into public.templates (name, description, provider, model, parameter_set, is_global) values
  ('App icon set', 'Three icon ideas in two seeds, square 512 px.', 'offline', 'pattern-v1',
   '{"prompt": ["rocket icon", "leaf icon", "spark icon"], "seed": [1, 2], "width": 512, "height": 512, "style": "geometric"}', true),
  ('Hero banners', 'Wide banners in two styles.', 'offline', 'pattern-v1',
   '{"prompt": "abstract hero banner", "seed": [7, 8], "width": 1024, "height": 512, "style": ["waves", "bokeh"]}', true);

-- -----------------------------------------------------------------------------
-- schedule: where pg_cron exists (Supabase) the purge runs daily; removing the
-- freed files needs the Storage API, so `POST /functions/v1/studio/cleanup`
-- runs on a Supabase Cron HTTP schedule (locally: local/scheduler.ts).
-- -----------------------------------------------------------------------------
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_cron') then
    create extension if not exists pg_cron;
    perform cron.schedule('studio-retention', '17 3 * * *', 'select public.studio_purge_expired()');
  end if;
end
$$;
