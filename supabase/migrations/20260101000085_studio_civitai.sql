-- Civitai has an adapter now (shared/studio/providers/civitai.ts): it speaks
-- the Orchestrator's v2 consumer API, whose root is orchestration.civitai.com,
-- not the site API (civitai.com/api) seeded before. Like the other providers
-- that call out, it is enabled and an order needs its key (CIVITAI_API_TOKEN or
-- a stored key).
update public.providers
set api_base_url = 'https://orchestration.civitai.com', is_enabled = true
where id = 'civitai';
