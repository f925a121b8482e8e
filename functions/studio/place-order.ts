/** @module POST /studio/orders: validates the parameters against the model's schema, expands them into items and queues the order's job. */
import { OrderRequest } from "../../shared/protocol/index.ts";
import { apiKeyOf, readProviderAndModel } from "../../shared/studio/context.ts";
import { expand, type ParameterSet } from "../../shared/studio/expand.ts";
import { validateParameterSets, withDefaults } from "../../shared/studio/parameters.ts";
import { STUDIO_AGENT_TYPE, type StudioJobParams } from "../../shared/studio/plan.ts";
import { adapterFor } from "../../shared/studio/providers/index.ts";
import { SupabaseStudioStore } from "../../shared/studio/store.ts";
import { callerOf, serviceClient, type FunctionContext } from "../_shared/context.ts";
import { json, parse, readJson } from "../_shared/http.ts";
import { createJob } from "../_shared/job-transitions.ts";
import { requireOwnProject } from "../_shared/jobs-api.ts";
import { kickWorker } from "../_shared/worker-chain.ts";
import { AppError, dbError } from "../../shared/errors.ts";

const INSERT_CHUNK = 500;

export async function placeOrder(request: Request, { env, waitUntil }: FunctionContext): Promise<Response> {
  const body = parse(OrderRequest, await readJson(request));
  const caller = await callerOf(env, request);
  await requireOwnProject(caller.db, body.project_id);
  const service = serviceClient(env);
  const store = new SupabaseStudioStore(service);

  let base: ParameterSet = body.parameters ?? {};
  if (body.template_id) {
    // Through the caller's RLS: their project's templates and global ones.
    const { data: template, error: templateError } = await caller.db.from("templates").select("provider, model, parameter_set").eq("id", body.template_id).maybeSingle();
    if (templateError) throw dbError(templateError, "reading the template");
    if (!template) throw new AppError("not_found", "No such template.");
    if (template.provider !== body.provider || template.model !== body.model) {
      throw new AppError("invalid_request", `The template is for ${template.provider}/${template.model}, not ${body.provider}/${body.model}.`);
    }
    base = { ...(template.parameter_set as ParameterSet), ...base };
  }

  const { provider, model } = await readProviderAndModel(store, body.provider, body.model);
  if (!provider || !model) throw new AppError("not_found", `No model ${body.model} at provider ${body.provider}.`);
  if (!provider.is_enabled || !model.is_available || !adapterFor(provider.settings.kind)) {
    throw new AppError("provider_unavailable", `${provider.name} / ${model.name} is not available for orders.`);
  }
  if (adapterFor(provider.settings.kind)!.needsKey && !(await apiKeyOf(store, env, provider))) {
    throw new AppError("provider_not_configured", `${provider.name} has no API key: store one (POST /studio/providers/${provider.id}/key) or set ${provider.settings.key_env}.`);
  }

  const limit = await store.setting("studio.max_expanded_items", 500);
  const sets = expand(base, model.parameter_schema, limit).map((set) => withDefaults(model.parameter_schema, set));
  const issues = validateParameterSets(model.parameter_schema, sets);
  if (issues.length) {
    const lines = issues.map((issue) => `${issue.path}: ${issue.message} (item${issue.items.length > 1 ? "s" : ""} ${issue.items.slice(0, 10).join(", ")}${issue.items.length > 10 ? ", …" : ""})`);
    throw new AppError("invalid_parameters", `The parameters do not fit ${model.name}:\n${lines.join("\n")}`, issues);
  }

  const { data: order, error } = await service.from("orders").insert({
    project_id: body.project_id,
    provider: provider.id,
    model: model.model_id,
    model_family: model.family,
    model_modality: model.modality,
    base_parameter_set: base,
    expanded_count: sets.length,
    template_id: body.template_id ?? null,
  }).select("id").single();
  if (error) throw dbError(error, `inserting the order`);
  try {
    for (let i = 0; i < sets.length; i += INSERT_CHUNK) {
      const rows = sets.slice(i, i + INSERT_CHUNK).map((set, j) => ({ order_id: order.id, sequence_number: i + j + 1, generation_parameter_set: set }));
      const { error: itemsError } = await service.from("order_items").insert(rows);
      if (itemsError) throw dbError(itemsError, `inserting items`);
    }
    const params: StudioJobParams = { order_id: order.id, expanded_count: sets.length, batch_size: await store.setting("studio.batch_size", 4) };
    const jobId = await createJob(service, { projectId: body.project_id, userId: caller.userId, agentType: STUDIO_AGENT_TYPE, params: { ...params } });
    const { error: linkError } = await service.from("orders").update({ job_id: jobId }).eq("id", order.id);
    if (linkError) throw dbError(linkError, `linking the job`);
    waitUntil(kickWorker(env, jobId));
    return json({ order_id: order.id, job_id: jobId, status: "pending", expanded_count: sets.length }, 202);
  } catch (failure) {
    // No half-placed order: its items go with it (cascade).
    await service.from("orders").delete().eq("id", order.id);
    throw failure;
  }
}
