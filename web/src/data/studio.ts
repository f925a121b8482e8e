/** @module The Studio's reads and writes through supabase-js (RLS decides what the user sees) and the `studio` function. */
import type { JsonSchemaObject, ParameterSet } from "../../../shared/studio/expand.ts";
import { callFunction, type Result } from "../lib/functions.ts";
import { supabase } from "../lib/supabase.ts";

export interface StudioModel {
  id: string;
  provider_id: string;
  model_id: string;
  name: string;
  modality: string;
  parameter_schema: JsonSchemaObject;
  providers: { name: string; is_enabled: boolean };
}
export interface Template { id: string; name: string; description: string | null; provider: string; model: string; parameter_set: ParameterSet; is_global: boolean; usage_count: number }
export interface Order { id: string; provider: string; model: string; status: string; expanded_count: number; completed_count: number; failed_count: number; base_parameter_set: ParameterSet; created_at: string }
export interface Product {
  id: string; type: string; file_path: string; thumbnail_paths: Record<string, string>; width: number | null; height: number | null;
  mime_type: string | null; metadata: { provider?: string; model?: string; parameters?: ParameterSet; returned?: unknown }; liked: boolean;
  rating: number | null; notes: string | null; order_item_id: string | null; created_at: string;
}
export interface Collection { id: string; name: string; description: string | null; cover_product_id: string | null; product_count: number }
export interface Tag { id: string; name: string; color: string | null; usage_count: number }
export interface Lookup { key: string; values: unknown[]; category: string | null }
export interface GenerationLog { id: string; timestamp: string; level: string; message: string }
export interface ProductFilters { type?: string; liked?: boolean; minRating?: number; tagId?: string; search?: string }

const BUCKET = "studio";
const PRODUCT_COLUMNS = "id, type, file_path, thumbnail_paths, width, height, mime_type, metadata, liked, rating, notes, order_item_id, created_at";

function unwrap<T>({ data, error }: { data: T | null; error: { message: string } | null }): T {
  if (error) throw new Error(error.message);
  return data as T;
}

/** Models of enabled providers, the offline one first (it works with no key). */
export const fetchModels = async () =>
  (unwrap(await supabase().from("models").select("id, provider_id, model_id, name, modality, parameter_schema, providers!inner(name, is_enabled)")
    .eq("is_available", true).eq("providers.is_enabled", true).order("provider_id")) as unknown as StudioModel[])
    .sort((a, b) => Number(b.provider_id === "offline") - Number(a.provider_id === "offline"));

/** Choice lists ('s lookups, docs/architecture.md#studio-batch-media-generation) that model parameters name with "x-lookup". */
export const fetchLookups = async () =>
  unwrap(await supabase().from("lookups").select("key, values, category").order("key")) as Lookup[];

export const fetchTemplates = async (projectId: string) =>
  unwrap(await supabase().from("templates").select("id, name, description, provider, model, parameter_set, is_global, usage_count")
    .or(`is_global.eq.true,project_id.eq.${projectId}`).order("is_global").order("name")) as Template[];

export const saveTemplate = async (projectId: string, template: Pick<Template, "name" | "provider" | "model" | "parameter_set">) =>
  unwrap(await supabase().from("templates").insert({ ...template, project_id: projectId }).select("id").single());

export const fetchOrders = async (projectId: string) =>
  unwrap(await supabase().from("orders").select("id, provider, model, status, expanded_count, completed_count, failed_count, base_parameter_set, created_at")
    .eq("project_id", projectId).order("created_at", { ascending: false }).limit(20)) as Order[];

export const placeOrder = (body: { project_id: string; provider: string; model: string; parameters: ParameterSet; template_id?: string }): Promise<Result<{ order_id: string; expanded_count: number }>> =>
  callFunction("studio/orders", { method: "POST", body });

export const cancelOrder = (orderId: string) => callFunction(`studio/orders/${orderId}/cancel`, { method: "POST" });

/** The project's live products matching the filters, newest first; `search` is full-text over parameters and notes. */
export async function fetchProducts(projectId: string, filters: ProductFilters): Promise<Product[]> {
  let query = supabase().from("products").select(filters.tagId ? `${PRODUCT_COLUMNS}, tag_associations!inner(tag_id)` : PRODUCT_COLUMNS).eq("project_id", projectId);
  if (filters.type) query = query.eq("type", filters.type);
  if (filters.liked) query = query.eq("liked", true);
  if (filters.minRating) query = query.gte("rating", filters.minRating);
  if (filters.tagId) query = query.eq("tag_associations.tag_id", filters.tagId);
  if (filters.search?.trim()) query = query.textSearch("search_vector", filters.search.trim(), { type: "websearch", config: "english" });
  return unwrap(await query.order("created_at", { ascending: false }).limit(200)) as unknown as Product[];
}

/** Signed URLs (an hour) for the given object names, by name. */
export async function signedUrls(paths: string[]): Promise<Record<string, string>> {
  if (!paths.length) return {};
  const data = unwrap(await supabase().storage.from(BUCKET).createSignedUrls(paths, 3600));
  return Object.fromEntries(data.flatMap((entry) => (entry.signedUrl && entry.path ? [[entry.path, entry.signedUrl]] : [])));
}

export const updateProduct = async (id: string, fields: Partial<Pick<Product, "liked" | "rating" | "notes">>) =>
  unwrap(await supabase().from("products").update(fields).eq("id", id).select("id"));

export const setDeleted = async (entity: "product" | "order" | "collection", id: string, deleted: boolean) =>
  unwrap(await supabase().rpc("studio_set_deleted", { p_entity: entity, p_id: id, p_deleted: deleted }));

export const fetchLogs = async (orderItemId: string) =>
  unwrap(await supabase().from("generation_logs").select("id, timestamp, level, message").eq("order_item_id", orderItemId).order("timestamp")) as GenerationLog[];

export const fetchCollections = async (projectId: string) =>
  unwrap(await supabase().from("collections").select("id, name, description, cover_product_id, product_count").eq("project_id", projectId).order("created_at")) as Collection[];

export const createCollection = async (projectId: string, name: string) =>
  unwrap(await supabase().from("collections").insert({ project_id: projectId, name }).select("id").single());

export const setCover = async (collectionId: string, productId: string) =>
  unwrap(await supabase().from("collections").update({ cover_product_id: productId }).eq("id", collectionId).select("id"));

/** The collection's product ids in their order. */
export const fetchCollectionProducts = async (collectionId: string) =>
  (unwrap(await supabase().from("collection_products").select("product_id, position").eq("collection_id", collectionId).order("position").order("added_at")) as { product_id: string }[])
    .map((row) => row.product_id);

export async function addToCollection(collectionId: string, productId: string) {
  const count = (await fetchCollectionProducts(collectionId)).length;
  unwrap(await supabase().from("collection_products").upsert({ collection_id: collectionId, product_id: productId, position: count }, { ignoreDuplicates: true }));
}

/** Saves a new order: each product's position becomes its index. */
export async function reorderCollection(collectionId: string, productIds: string[]) {
  unwrap(await supabase().from("collection_products").upsert(productIds.map((product_id, position) => ({ collection_id: collectionId, product_id, position }))));
}

export const fetchTags = async (projectId: string) =>
  unwrap(await supabase().from("tags").select("id, name, color, usage_count").eq("project_id", projectId).order("name")) as Tag[];

export const createTag = async (projectId: string, name: string, color: string) =>
  unwrap(await supabase().from("tags").insert({ project_id: projectId, name, color }).select("id").single());

export const productTags = async (productId: string) =>
  (unwrap(await supabase().from("tag_associations").select("tag_id").eq("entity_type", "product").eq("entity_id", productId)) as { tag_id: string }[]).map((row) => row.tag_id);

export const tagProduct = async (tagId: string, productId: string, on: boolean) =>
  on
    ? unwrap(await supabase().from("tag_associations").upsert({ tag_id: tagId, entity_type: "product", entity_id: productId }, { ignoreDuplicates: true }))
    : unwrap(await supabase().from("tag_associations").delete().eq("tag_id", tagId).eq("entity_type", "product").eq("entity_id", productId));

/** The project's featured product ids, in display order. */
export const fetchFeatured = async (projectId: string) =>
  (unwrap(await supabase().from("projects").select("featured_product_ids").eq("id", projectId).single()) as { featured_product_ids: string[] }).featured_product_ids;

/** Features the product on the project (last), or stops featuring it. */
export async function setFeatured(projectId: string, productId: string, on: boolean) {
  const current = (await fetchFeatured(projectId)).filter((id) => id !== productId);
  unwrap(await supabase().from("projects").update({ featured_product_ids: on ? [...current, productId] : current }).eq("id", projectId).select("id"));
}

export interface TrashEntry { entity: "product" | "order" | "collection"; id: string; label: string | null; deleted_at: string }

/** The project's soft-deleted products, orders and collections, most recent first. */
export const fetchTrash = async (projectId: string) =>
  unwrap(await supabase().rpc("studio_trash", { p_project_id: projectId })) as TrashEntry[];
