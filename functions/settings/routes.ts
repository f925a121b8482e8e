/** @module The settings endpoints: a user's provider keys (write-only), model defaults and monthly cap, and a project's provider and model. */
import { LlmSettingsResponse, ProjectIdParams, ProjectModelRequest, SaveKeyRequest, SaveLlmSettingsRequest } from "../../shared/protocol/index.ts";
import { serverDefault } from "../../shared/llm-settings/job-model.ts";
import { listModels } from "../../shared/llm-settings/model-list.ts";
import { CHOOSABLE_PROVIDERS, KEY_PROVIDERS } from "../../shared/llm-settings/providers.ts";
import { LlmSettingsStore, type LlmChoice } from "../../shared/llm-settings/store.ts";
import { modelsFor, requireKeyProvider, validateChoice } from "../../shared/llm-settings/validate.ts";
import { encryptSecret } from "../../shared/studio/secrets.ts";
import { callerOf, serviceClient, type FunctionContext, type FunctionEnv } from "../_shared/context.ts";
import { json, matchRoute, parse, readJson } from "../_shared/http.ts";
import { requireOwnProject } from "../_shared/jobs-api.ts";
import { AppError } from "../../shared/errors.ts";

async function settingsOf(store: LlmSettingsStore, env: FunctionEnv, userId: string): Promise<LlmSettingsResponse> {
  const [settings, spend, keys] = await Promise.all([store.settings(userId), store.monthSpend(userId), store.keys(userId)]);
  return {
    providers: [...CHOOSABLE_PROVIDERS],
    key_providers: [...KEY_PROVIDERS],
    server_default: serverDefault(env),
    default: settings.default,
    monthly_cap_usd: settings.monthly_cap_usd,
    month_spend_usd: spend.month_spend_usd,
    keys,
  };
}

/** Checks the key with the provider (GET …/models), then stores it sealed; the answer never holds it. */
async function saveKey(request: Request, store: LlmSettingsStore, env: FunctionEnv, userId: string): Promise<Response> {
  const { provider, api_key } = parse(SaveKeyRequest, await readJson(request));
  requireKeyProvider(provider);
  await listModels(provider, api_key, env);
  const last4 = api_key.slice(-4);
  const createdAt = await store.saveKey(userId, provider, last4, await encryptSecret(env, api_key));
  return json({ provider, last4, created_at: createdAt }, 201);
}

async function saveSettings(request: Request, store: LlmSettingsStore, env: FunctionEnv, userId: string): Promise<Response> {
  const body = parse(SaveLlmSettingsRequest, await readJson(request));
  const current = await store.settings(userId);
  const provider = body.default_provider === undefined ? current.default?.provider ?? null : body.default_provider;
  const model = body.default_model === undefined ? current.default?.model ?? null : body.default_model;
  if ((provider === null) !== (model === null)) {
    throw new AppError("invalid_request", "default_provider and default_model go together: set both, or both to null.", { field: provider === null ? "default_provider" : "default_model" });
  }
  const choice: LlmChoice | null = provider === null ? null : { provider, model: model! };
  if (choice && (body.default_provider !== undefined || body.default_model !== undefined)) {
    await validateChoice(store, env, userId, choice, { provider: "default_provider", model: "default_model" });
  }
  const cap = body.monthly_cap_usd === undefined ? current.monthly_cap_usd : body.monthly_cap_usd;
  await store.saveSettings(userId, { default: choice, monthly_cap_usd: cap });
  return json(await settingsOf(store, env, userId));
}

async function saveProjectModel(request: Request, projectId: string, context: FunctionContext): Promise<Response> {
  const { env } = context;
  const { project_id } = parse(ProjectIdParams, { project_id: projectId }, "project id");
  const body = parse(ProjectModelRequest, await readJson(request));
  const caller = await callerOf(env, request);
  await requireOwnProject(caller.db, project_id);
  const store = new LlmSettingsStore(serviceClient(env));
  let choice: LlmChoice | null = null;
  if (body.provider !== null) {
    if (body.model === undefined) throw new AppError("invalid_request", "model is required with a provider.", { field: "model" });
    choice = await validateChoice(store, env, caller.userId, { provider: body.provider, model: body.model }, { provider: "provider", model: "model" });
  }
  await store.saveProjectChoice(project_id, choice);
  return json({ project_id, choice });
}

/** Routes /settings: GET and POST the user's settings, keys, model lists, and a project's model. */
export async function routeSettings(request: Request, context: FunctionContext): Promise<Response> {
  const { env } = context;
  const path = new URL(request.url).pathname.replace(/^.*?\/settings/, "/settings");
  const method = request.method;
  let params: Record<string, string> | null;
  if (method === "POST" && (params = matchRoute("/settings/projects/:project_id", path))) return saveProjectModel(request, params.project_id!, context);
  const { userId } = await callerOf(env, request);
  const store = new LlmSettingsStore(serviceClient(env));
  if (matchRoute("/settings", path)) {
    if (method === "GET") return json(await settingsOf(store, env, userId));
    if (method === "POST") return saveSettings(request, store, env, userId);
  }
  if (method === "POST" && matchRoute("/settings/keys", path)) return saveKey(request, store, env, userId);
  if (method === "POST" && (params = matchRoute("/settings/keys/:provider/delete", path))) {
    requireKeyProvider(params.provider!);
    if (!(await store.deleteKey(userId, params.provider!))) throw new AppError("not_found", `You have no ${params.provider} key.`);
    return json({ provider: params.provider, deleted: true });
  }
  if (method === "GET" && (params = matchRoute("/settings/models/:provider", path))) {
    return json({ provider: params.provider, models: await modelsFor(store, env, userId, params.provider!) });
  }
  throw new AppError("not_found", `No endpoint ${method} ${path}.`);
}
