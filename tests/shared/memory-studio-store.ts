/** @module An in-memory StudioStore for unit tests of the Studio plan: the rows as maps, the SQL functions' rules (only open items move on) in plain code. */
import type { ItemCompletion, ItemRow, LogLevel, ModelRow, OrderRow, ProviderRow, StoredFile, StudioStore } from "../../shared/studio/store.ts";

export interface MemoryItem extends ItemRow {
  order_id: string;
  error_message?: string | null;
  product_id?: string;
}

const isOpen = (item: MemoryItem) => item.status === "pending" || item.status === "generating";

export class MemoryStudioStore implements StudioStore {
  orders = new Map<string, OrderRow>();
  providers = new Map<string, ProviderRow>();
  models: ModelRow[] = [];
  keys = new Map<string, string>();
  settings = new Map<string, unknown>();
  items = new Map<string, MemoryItem>();
  products: (Record<string, unknown> & { id: string })[] = [];
  files = new Map<string, { body: Uint8Array; contentType: string }>();
  logs: { order_item_id: string; level: LogLevel; message: string; details: Record<string, unknown> }[] = [];
  /** Slots the provider can hand out at once; `acquireSlot` answers null past it. */
  slotLimit = Number.POSITIVE_INFINITY;
  heldSlots = new Set<number>();
  maxHeld = 0;
  /** Before each attempt starts: lets a test cancel an item mid-order. */
  beforeAttempt?: (item: MemoryItem, attempt: number) => void;
  private nextId = 1;

  private item(itemId: string): MemoryItem {
    const item = this.items.get(itemId);
    if (!item) throw new Error(`no item ${itemId}`);
    return item;
  }

  async order(orderId: string) {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    return order;
  }
  async provider(providerId: string) {
    return this.providers.get(providerId) ?? null;
  }
  async model(providerId: string, modelId: string) {
    return this.models.find((model) => model.provider_id === providerId && model.model_id === modelId) ?? null;
  }
  async encryptedKey(providerId: string) {
    return this.keys.get(providerId) ?? null;
  }
  async setting(key: string, fallback: number) {
    const value = Number(this.settings.get(key));
    return Number.isFinite(value) ? value : fallback;
  }
  async openItems(orderId: string, from: number, to: number) {
    return [...this.items.values()]
      .filter((item) => item.order_id === orderId && item.sequence_number >= from && item.sequence_number <= to && isOpen(item))
      .sort((a, b) => a.sequence_number - b.sequence_number)
      .map((item) => ({ ...item }));
  }
  async startAttempt(itemId: string, attempt: number, message: string) {
    const item = this.item(itemId);
    this.beforeAttempt?.(item, attempt);
    if (!isOpen(item)) return false;
    Object.assign(item, { status: "generating", retry_count: attempt });
    this.logs.push({ order_item_id: itemId, level: "INFO", message, details: { attempt: attempt + 1 } });
    return true;
  }
  async acquireSlot() {
    if (this.heldSlots.size >= this.slotLimit) return null;
    const slot = this.nextId++;
    this.heldSlots.add(slot);
    this.maxHeld = Math.max(this.maxHeld, this.heldSlots.size);
    return slot;
  }
  async releaseSlot(slot: number) {
    this.heldSlots.delete(slot);
  }
  async fileByHash(projectId: string, fileHash: string): Promise<StoredFile | null> {
    const product = this.products.find((p) => p.project_id === projectId && p.file_hash === fileHash);
    return product ? { file_path: product.file_path as string, thumbnail_paths: product.thumbnail_paths as Record<string, string>, width: product.width as number | null, height: product.height as number | null } : null;
  }
  async upload(path: string, body: Uint8Array, contentType: string) {
    this.files.set(path, { body, contentType });
  }
  async completeItem(itemId: string, completion: ItemCompletion) {
    const item = this.item(itemId);
    if (!isOpen(item)) return null;
    const id = `product-${this.nextId++}`;
    this.products.push({ ...completion.product, id, order_item_id: itemId });
    Object.assign(item, { status: "complete", error_message: null, product_id: id });
    this.logs.push({ order_item_id: itemId, level: "INFO", message: completion.logMessage, details: { ...completion.logDetails, product_id: id } });
    return id;
  }
  async failItem(itemId: string, message: string) {
    const item = this.item(itemId);
    if (!isOpen(item)) return false;
    Object.assign(item, { status: "failed", error_message: message });
    return true;
  }
  async log(itemId: string, level: LogLevel, message: string, details: Record<string, unknown>) {
    this.logs.push({ order_item_id: itemId, level, message, details });
  }
}
