/** @module The RLS matrix: every table × operation × actor, its expected outcome, and how to observe it. */
import type { PGlite, Transaction } from "@electric-sql/pglite";
import { asActor, createUser, insertRow, type Actor } from "./harness.ts";

export const operations = ["select", "insert", "update", "delete"] as const;
export const actorNames = ["owner", "other", "anon", "service_role"] as const;
export type Operation = (typeof operations)[number];
export type ActorName = (typeof actorNames)[number];
export type Outcome = "allow" | "deny";

export const tableNames = [
  "profiles", "projects", "project_files", "learning_roadmaps", "daily_sessions",
  "agent_jobs", "job_events", "job_artifacts", "sandbox_runs", "pattern_embeddings",
  "preview_sessions", "preview_cleanup_events", "comment_threads", "comments", "notifications", "repo_syncs",
  "providers", "provider_secrets", "provider_calls", "models", "lookups", "system_settings", "templates",
  "orders", "order_items", "generation_logs", "products", "collections", "collection_products", "tags", "tag_associations",
  "user_llm_keys", "user_llm_key_secrets", "user_llm_settings", "project_llm_choices",
] as const;
export type TableName = (typeof tableNames)[number];

/** The owner's rows every cell acts on, plus a second signed-in user. */
export interface Fixture {
  owner: string;
  other: string;
  project: string;
  /** A chat thread of the owner's (column cells). */
  thread: string;
  rows: Record<TableName, string>;
}

interface TableCase {
  /** The column that identifies the fixture row (tables without an `id`). */
  key?: string;
  /** A column to change in the update cell, and its new value. */
  update: [column: string, value: unknown];
  /** A new row owned by the owner, for the insert cell. */
  insert: (f: Fixture) => Record<string, unknown>;
  /** Runs as the superuser before the insert cell (e.g. to free a unique key). */
  beforeInsert?: (tx: Transaction, f: Fixture) => Promise<unknown>;
  expected: Record<Operation, Record<ActorName, Outcome>>;
}

const ownerOnly = { owner: "allow", other: "deny", anon: "deny", service_role: "allow" } as const;
const serviceOnly = { owner: "deny", other: "deny", anon: "deny", service_role: "allow" } as const;
const signedIn = { owner: "allow", other: "allow", anon: "deny", service_role: "allow" } as const;
const ownerManaged = { select: ownerOnly, insert: ownerOnly, update: ownerOnly, delete: ownerOnly };
const backendWritten = { select: ownerOnly, insert: serviceOnly, update: serviceOnly, delete: serviceOnly };
const catalogue = { select: signedIn, insert: serviceOnly, update: serviceOnly, delete: serviceOnly };
const backendOnly = { select: serviceOnly, insert: serviceOnly, update: serviceOnly, delete: serviceOnly };

/** Two modules of two steps: finishing the first module's steps opens the second. */
export const ROADMAP_MODULES = JSON.stringify([
  { title: "Set up", steps: ["Install", "Run"], estimated_hours: 1 },
  { title: "Pages", steps: ["Route", "Layout"], estimated_hours: 2 },
]);

/** The core tables and the job engine's, cell by cell (docs/database.md). */
export const matrix: Record<TableName, TableCase> = {
  profiles: {
    update: ["full_name", "Changed"],
    insert: (f) => ({ id: f.owner }),
    beforeInsert: (tx, f) => tx.query("delete from public.profiles where id = $1", [f.owner]),
    expected: { select: signedIn, insert: ownerOnly, update: ownerOnly, delete: serviceOnly },
  },
  projects: {
    update: ["title", "Changed"],
    insert: (f) => ({ user_id: f.owner, title: "New", mode: "builder" }),
    expected: ownerManaged,
  },
  project_files: {
    update: ["content", "changed"],
    insert: (f) => ({ project_id: f.project, path: "src/new.ts", content: "" }),
    expected: ownerManaged,
  },
  // The student moves progress on (the locks follow); roadmaps are the roadmap agent's.
  learning_roadmaps: {
    update: ["current_step_index", 1],
    insert: (f) => ({ project_id: f.project, modules: ROADMAP_MODULES }),
    expected: { select: ownerOnly, insert: serviceOnly, update: ownerOnly, delete: ownerOnly },
  },
  daily_sessions: {
    update: ["duration_minutes", 30],
    insert: (f) => ({ project_id: f.project }),
    expected: ownerManaged,
  },
  agent_jobs: {
    update: ["progress", 50],
    insert: (f) => ({ project_id: f.project, user_id: f.owner, agent_type: "research" }),
    expected: { select: ownerOnly, insert: serviceOnly, update: serviceOnly, delete: serviceOnly },
  },
  job_events: {
    update: ["message", "changed"],
    insert: (f) => ({ job_id: f.rows.agent_jobs, kind: "log", level: "info", message: "planted" }),
    expected: { select: ownerOnly, insert: serviceOnly, update: serviceOnly, delete: serviceOnly },
  },
  job_artifacts: {
    update: ["content", '{"changed": true}'],
    insert: (f) => ({ job_id: f.rows.agent_jobs, user_id: f.owner, stage: "qa", content: "{}" }),
    expected: { select: ownerOnly, insert: serviceOnly, update: serviceOnly, delete: serviceOnly },
  },
  sandbox_runs: {
    update: ["status", "passed"],
    insert: (f) => ({ job_id: f.rows.agent_jobs, user_id: f.owner, attempt: 2 }),
    expected: backendWritten,
  },
  pattern_embeddings: {
    update: ["success_score", 0.5],
    insert: () => ({ project_type: "saas" }),
    expected: { select: signedIn, insert: serviceOnly, update: serviceOnly, delete: serviceOnly },
  },
  preview_sessions: {
    update: ["expires_at", "2099-01-01T00:00:00Z"],
    insert: (f) => ({ project_id: f.project, user_id: f.owner, preview_token: "n".repeat(43), expires_at: "2099-01-01T00:00:00Z" }),
    expected: { select: ownerOnly, insert: serviceOnly, update: serviceOnly, delete: serviceOnly },
  },
  preview_cleanup_events: {
    update: ["stage", "PURGED"],
    insert: (f) => ({ preview_session_id: f.rows.preview_sessions, stage: "SOFT_DELETED" }),
    expected: { select: ownerOnly, insert: serviceOnly, update: serviceOnly, delete: serviceOnly },
  },
  comment_threads: {
    update: ["resolved", true],
    insert: (f) => ({ project_id: f.project, user_id: f.owner, file_path: "src/App.tsx", line_start: 2, line_end: 3 }),
    expected: ownerManaged,
  },
  comments: {
    update: ["body", "changed"],
    insert: (f) => ({ thread_id: f.rows.comment_threads, author_id: f.owner, author_type: "USER", body: "Another" }),
    expected: { select: ownerOnly, insert: ownerOnly, update: serviceOnly, delete: ownerOnly },
  },
  notifications: {
    update: ["read_at", "2026-01-01T00:00:00Z"],
    insert: (f) => ({ user_id: f.owner, type: "job_completed" }),
    expected: { select: ownerOnly, insert: serviceOnly, update: ownerOnly, delete: serviceOnly },
  },
  repo_syncs: {
    update: ["status", "RUNNING"],
    insert: (f) => ({ project_id: f.project, user_id: f.owner, direction: "import", repo: "walker/app" }),
    expected: { select: ownerOnly, insert: serviceOnly, update: serviceOnly, delete: serviceOnly },
  },
  // The Studio: the provider catalogue is read by every signed-in user and written by the backend.
  providers: {
    update: ["is_enabled", false],
    insert: () => ({ id: "acme", name: "Acme", settings: "{}" }),
    expected: catalogue,
  },
  provider_secrets: {
    key: "provider_id",
    update: ["api_key_encrypted", "stolen"],
    insert: () => ({ provider_id: "fal", api_key_encrypted: "planted" }),
    expected: backendOnly,
  },
  // Keys and models per user (0140): the owner reads their key list, settings and choices; the settings function writes them.
  user_llm_keys: {
    key: "user_id",
    update: ["key_last4", "0000"],
    insert: (f) => ({ user_id: f.owner, provider: "google", key_last4: "abcd" }),
    expected: backendWritten,
  },
  // The sealed key: unreadable even by its owner.
  user_llm_key_secrets: {
    key: "user_id",
    update: ["api_key_encrypted", "stolen"],
    insert: (f) => ({ user_id: f.owner, provider: "anthropic", api_key_encrypted: "planted" }),
    beforeInsert: (tx, f) => tx.query("insert into public.user_llm_keys (user_id, provider, key_last4) values ($1, 'anthropic', 'wxyz') on conflict do nothing", [f.owner]),
    expected: backendOnly,
  },
  user_llm_settings: {
    key: "user_id",
    update: ["monthly_cap_usd", 1000],
    insert: (f) => ({ user_id: f.owner, monthly_cap_usd: 5 }),
    beforeInsert: (tx, f) => tx.query("delete from public.user_llm_settings where user_id = $1", [f.owner]),
    expected: backendWritten,
  },
  project_llm_choices: {
    key: "project_id",
    update: ["model", "gpt-5"],
    insert: (f) => ({ project_id: f.project, provider: "openai", model: "gpt-4.1" }),
    beforeInsert: (tx, f) => tx.query("delete from public.project_llm_choices where project_id = $1", [f.project]),
    expected: backendWritten,
  },
  provider_calls: {
    update: ["finished_at", "2026-01-01T00:00:00Z"],
    insert: () => ({ provider_id: "offline", hold_until: "2099-01-01T00:00:00Z" }),
    expected: backendOnly,
  },
  models: {
    update: ["is_available", false],
    insert: () => ({ provider_id: "offline", model_id: "planted", name: "Planted", modality: "text-to-image" }),
    expected: catalogue,
  },
  lookups: {
    update: ["values", "[1]"],
    insert: () => ({ key: "planted", values: "[]" }),
    expected: catalogue,
  },
  system_settings: {
    key: "key",
    update: ["value", "100000"],
    insert: () => ({ key: "planted.setting", value: "1" }),
    expected: catalogue,
  },
  templates: {
    update: ["name", "Changed"],
    insert: (f) => ({ project_id: f.project, name: "New", provider: "offline", model: "pattern-v1", parameter_set: "{}" }),
    expected: ownerManaged,
  },
  orders: {
    update: ["status", "fulfilled"],
    insert: (f) => ({ project_id: f.project, provider: "offline", model: "pattern-v1", base_parameter_set: "{}" }),
    expected: backendWritten,
  },
  order_items: {
    update: ["status", "complete"],
    insert: (f) => ({ order_id: f.rows.orders, sequence_number: 2, generation_parameter_set: "{}" }),
    expected: backendWritten,
  },
  generation_logs: {
    update: ["message", "changed"],
    insert: (f) => ({ order_item_id: f.rows.order_items, level: "INFO", message: "planted" }),
    expected: backendWritten,
  },
  // Owners like, rate and annotate products; soft delete goes through studio_set_deleted.
  products: {
    update: ["rating", 4],
    insert: (f) => ({ project_id: f.project, type: "image", file_path: "planted.png" }),
    expected: { select: ownerOnly, insert: serviceOnly, update: ownerOnly, delete: serviceOnly },
  },
  collections: {
    update: ["name", "Changed"],
    insert: (f) => ({ project_id: f.project, name: "New" }),
    expected: { select: ownerOnly, insert: ownerOnly, update: ownerOnly, delete: serviceOnly },
  },
  collection_products: {
    key: "product_id",
    update: ["position", 5],
    insert: (f) => ({ collection_id: f.rows.collections, product_id: f.rows.products, position: 1 }),
    beforeInsert: (tx, f) => tx.query("delete from public.collection_products where product_id = $1", [f.rows.products]),
    expected: ownerManaged,
  },
  tags: {
    update: ["color", "#ff0000"],
    insert: (f) => ({ project_id: f.project, name: "new-tag" }),
    expected: ownerManaged,
  },
  tag_associations: {
    key: "entity_id",
    update: ["created_at", "2026-01-01T00:00:00Z"],
    insert: (f) => ({ tag_id: f.rows.tags, entity_type: "project", entity_id: f.project }),
    expected: ownerManaged,
  },
};

/** Two users; the owner has a project with one row in every table. */
export async function createFixture(pg: PGlite): Promise<Fixture> {
  const owner = await createUser(pg);
  const other = await createUser(pg);
  const project = await insertRow(pg, "projects", { user_id: owner, title: "Dog CRM", mode: "student" });
  await insertRow(pg, "projects", { user_id: other, title: "Other's project", mode: "builder" });
  const job = await insertRow(pg, "agent_jobs", { project_id: project, user_id: owner, agent_type: "research" });
  const preview = await insertRow(pg, "preview_sessions", { project_id: project, user_id: owner, preview_token: "t".repeat(43), expires_at: "2099-01-01T00:00:00Z" });
  const thread = await insertRow(pg, "comment_threads", { project_id: project, user_id: owner, file_path: "src/App.tsx", line_start: 1, line_end: 1 });
  const order = await insertRow(pg, "orders", { project_id: project, provider: "offline", model: "pattern-v1", base_parameter_set: "{}" });
  const item = await insertRow(pg, "order_items", { order_id: order, sequence_number: 1, generation_parameter_set: "{}" });
  const product = await insertRow(pg, "products", { project_id: project, order_item_id: item, type: "image", file_path: "a.png" });
  const collection = await insertRow(pg, "collections", { project_id: project, name: "Icons" });
  const tag = await insertRow(pg, "tags", { project_id: project, name: "icon" });
  await pg.query("insert into public.collection_products (collection_id, product_id) values ($1, $2)", [collection, product]);
  await pg.query("insert into public.tag_associations (tag_id, entity_type, entity_id) values ($1, 'product', $2)", [tag, product]);
  await pg.query("insert into public.provider_secrets (provider_id, api_key_encrypted) values ('replicate', 'sealed')");
  await pg.query("insert into public.user_llm_keys (user_id, provider, key_last4) values ($1, 'openai', '1234')", [owner]);
  await pg.query("insert into public.user_llm_key_secrets (user_id, provider, api_key_encrypted) values ($1, 'openai', 'sealed')", [owner]);
  await pg.query("insert into public.user_llm_settings (user_id, monthly_cap_usd) values ($1, 10)", [owner]);
  await pg.query("insert into public.project_llm_choices (project_id, provider, model) values ($1, 'openai', 'gpt-4.1-mini')", [project]);
  const { rows: [call] } = await pg.query<{ id: string }>(
    "insert into public.provider_calls (provider_id, order_item_id, hold_until) values ('offline', $1, now()) returning id::text",
    [item],
  );
  const lookup = await pg.query<{ id: string }>("select id from public.lookups where key = 'styles'");
  const rows: Record<TableName, string> = {
    profiles: owner,
    projects: project,
    project_files: await insertRow(pg, "project_files", { project_id: project, path: "src/App.tsx", content: "x" }),
    learning_roadmaps: await insertRow(pg, "learning_roadmaps", { project_id: project, modules: ROADMAP_MODULES }),
    daily_sessions: await insertRow(pg, "daily_sessions", { project_id: project }),
    agent_jobs: job,
    job_events: await insertRow(pg, "job_events", { job_id: job, kind: "log", level: "info", message: "started" }),
    job_artifacts: await insertRow(pg, "job_artifacts", { job_id: job, user_id: owner, stage: "research", content: "{}" }),
    sandbox_runs: await insertRow(pg, "sandbox_runs", { job_id: job, user_id: owner, attempt: 1 }),
    pattern_embeddings: await insertRow(pg, "pattern_embeddings", { project_type: "crm" }),
    preview_sessions: preview,
    preview_cleanup_events: await insertRow(pg, "preview_cleanup_events", { preview_session_id: preview, stage: "EXPIRED" }),
    comment_threads: thread,
    comments: await insertRow(pg, "comments", { thread_id: thread, author_id: owner, author_type: "USER", body: "Why?" }),
    notifications: await insertRow(pg, "notifications", { user_id: owner, type: "job_failed" }),
    repo_syncs: await insertRow(pg, "repo_syncs", { project_id: project, user_id: owner, direction: "export", repo: "dog-crm" }),
    providers: await insertRow(pg, "providers", { id: "rls-fixture", name: "Fixture", settings: "{}" }),
    provider_secrets: "replicate",
    provider_calls: call!.id,
    models: (await pg.query<{ id: string }>("select id from public.models where model_id = 'pattern-v1'")).rows[0]!.id,
    lookups: lookup.rows[0]!.id,
    system_settings: "studio.batch_size",
    templates: await insertRow(pg, "templates", { project_id: project, name: "Mine", provider: "offline", model: "pattern-v1", parameter_set: "{}" }),
    orders: order,
    order_items: item,
    generation_logs: await insertRow(pg, "generation_logs", { order_item_id: item, level: "INFO", message: "started" }),
    products: product,
    collections: collection,
    collection_products: product,
    tags: tag,
    tag_associations: product,
    user_llm_keys: owner,
    user_llm_key_secrets: owner,
    user_llm_settings: owner,
    project_llm_choices: project,
  };
  const chatThread = await insertRow(pg, "chat_threads", { user_id: owner, title: "Walks", project_id: project });
  return { owner, other, project, thread: chatThread, rows };
}

function actorFor(name: ActorName, f: Fixture): Actor {
  if (name === "owner") return { role: "authenticated", sub: f.owner };
  if (name === "other") return { role: "authenticated", sub: f.other };
  return { role: name };
}

const isRlsViolation = (error: unknown) => (error as { code?: string }).code === "42501";

/** Performs one cell and reports what Postgres allowed. Only an RLS/privilege error counts as a deny. */
export async function observe(
  pg: PGlite,
  f: Fixture,
  table: TableName,
  operation: Operation,
  actorName: ActorName,
): Promise<Outcome> {
  const spec = matrix[table];
  const id = f.rows[table];
  const actor = actorFor(actorName, f);
  if (operation === "insert") {
    const row = spec.insert(f);
    const columns = Object.keys(row);
    const sql = `insert into public.${table} (${columns.join(", ")}) values (${columns.map((_, i) => `$${i + 1}`).join(", ")})`;
    try {
      await asActor(pg, actor, (tx) => tx.query(sql, Object.values(row)), (tx) => spec.beforeInsert?.(tx, f) ?? Promise.resolve());
      return "allow";
    } catch (error) {
      if (isRlsViolation(error)) return "deny";
      throw error;
    }
  }
  const [column, value] = spec.update;
  const key = spec.key ?? "id";
  const sql = {
    select: `select ${key} from public.${table} where ${key} = $1`,
    update: `update public.${table} set ${column} = $2 where ${key} = $1 returning ${key}`,
    delete: `delete from public.${table} where ${key} = $1 returning ${key}`,
  }[operation];
  const params = operation === "update" ? [id, value] : [id];
  try {
    const { rows } = await asActor(pg, actor, (tx) => tx.query(sql, params));
    return rows.length === 1 ? "allow" : "deny";
  } catch (error) {
    // Tables whose writes are revoked from the API roles (notifications) refuse with a privilege error.
    if (isRlsViolation(error)) return "deny";
    throw error;
  }
}

export interface Mismatch {
  table: TableName;
  operation: Operation;
  actor: ActorName;
  expected: Outcome;
  actual: Outcome;
}

/** Every cell whose observed outcome differs from the matrix. */
export async function findMismatches(pg: PGlite, f: Fixture): Promise<Mismatch[]> {
  const mismatches: Mismatch[] = [];
  for (const table of tableNames) {
    for (const operation of operations) {
      for (const actor of actorNames) {
        const expected = matrix[table].expected[operation][actor];
        const actual = await observe(pg, f, table, operation, actor);
        if (actual !== expected) mismatches.push({ table, operation, actor, expected, actual });
      }
    }
  }
  return mismatches;
}

/**
 * Column-level cells: what the owner may write, column by column, on rows the
 * backend also maintains (counters, agent outputs, timestamps, summaries).
 * The service role may write every one of them.
 */
export interface ColumnCell {
  table: "projects" | "chat_threads" | "products" | "collections" | "learning_roadmaps";
  operation: "update" | "insert";
  column: string;
  value: unknown;
  owner: Outcome;
}

const columnRow = (f: Fixture, table: ColumnCell["table"]) =>
  table === "chat_threads" ? f.thread : table === "projects" ? f.project : f.rows[table];

/** A new row owned by the owner, for the insert cells (the column under test is added). */
const columnInsertBase = (f: Fixture, table: ColumnCell["table"]): Record<string, unknown> =>
  table === "projects" ? { user_id: f.owner, title: "New", mode: "builder" } : { user_id: f.owner, title: "New chat" };

const cell = (table: ColumnCell["table"], operation: ColumnCell["operation"], column: string, value: unknown, owner: Outcome): ColumnCell =>
  ({ table, operation, column, value, owner });

export const columnCells: ColumnCell[] = [
  cell("projects", "update", "title", "Renamed", "allow"),
  cell("projects", "update", "description", "Walks and invoices", "allow"),
  cell("projects", "update", "mode", "builder", "allow"),
  cell("projects", "update", "tech_stack", "{react}", "allow"),
  cell("projects", "update", "settings", '{"budget": {"max_tokens": 1000}}', "allow"),
  cell("projects", "update", "featured_product_ids", "{}", "allow"),
  cell("projects", "update", "status", "archived", "allow"),
  cell("projects", "update", "status", "completed", "deny"),
  cell("projects", "update", "product_count", 999, "deny"),
  cell("projects", "update", "order_count", 999, "deny"),
  cell("projects", "update", "requirements_spec", '{"forged": true}', "deny"),
  cell("projects", "update", "architecture_spec", '{"forged": true}', "deny"),
  cell("projects", "update", "created_at", "2000-01-01T00:00:00Z", "deny"),
  cell("projects", "update", "updated_at", "2000-01-01T00:00:00Z", "deny"),
  cell("projects", "update", "deleted_at", "2000-01-01T00:00:00Z", "deny"),
  cell("projects", "insert", "tech_stack", "{react}", "allow"),
  cell("projects", "insert", "product_count", 999, "deny"),
  cell("projects", "insert", "requirements_spec", '{"forged": true}', "deny"),
  cell("projects", "insert", "status", "completed", "deny"),
  cell("projects", "insert", "created_at", "2000-01-01T00:00:00Z", "deny"),
  cell("chat_threads", "update", "title", "Renamed", "allow"),
  cell("chat_threads", "update", "last_message_preview", "forged", "deny"),
  cell("chat_threads", "update", "last_message_at", "2099-01-01T00:00:00Z", "deny"),
  cell("chat_threads", "update", "project_id", null, "deny"),
  cell("chat_threads", "update", "created_at", "2000-01-01T00:00:00Z", "deny"),
  cell("chat_threads", "insert", "last_message_preview", "forged", "deny"),
  cell("products", "update", "rating", 5, "allow"),
  cell("products", "update", "file_path", "elsewhere.png", "deny"),
  cell("collections", "update", "cover_product_id", null, "allow"),
  cell("collections", "update", "product_count", 999, "deny"),
  cell("learning_roadmaps", "update", "current_step_index", 1, "allow"),
  cell("learning_roadmaps", "update", "modules", '[{"title": "Set up", "steps": [], "is_locked": false}]', "deny"),
  cell("learning_roadmaps", "update", "title", "Forged", "deny"),
  cell("learning_roadmaps", "update", "skill_level", "advanced", "deny"),
  cell("learning_roadmaps", "update", "total_estimated_hours", 1, "deny"),
  cell("learning_roadmaps", "update", "created_at", "2000-01-01T00:00:00Z", "deny"),
];

/** Performs one column cell as the owner or the service role. Only a privilege error counts as a deny. */
export async function observeColumn(pg: PGlite, f: Fixture, c: ColumnCell, actorName: "owner" | "service_role"): Promise<Outcome> {
  const actor = actorFor(actorName, f);
  const run = (tx: Transaction) => {
    if (c.operation === "update") {
      return tx.query(`update public.${c.table} set ${c.column} = $2 where id = $1 returning id`, [columnRow(f, c.table), c.value]);
    }
    const row = { ...columnInsertBase(f, c.table), [c.column]: c.value };
    const columns = Object.keys(row);
    return tx.query(
      `insert into public.${c.table} (${columns.join(", ")}) values (${columns.map((_, i) => `$${i + 1}`).join(", ")}) returning id`,
      Object.values(row),
    );
  };
  try {
    const { rows } = await asActor(pg, actor, run);
    return rows.length === 1 ? "allow" : "deny";
  } catch (error) {
    if (isRlsViolation(error)) return "deny";
    throw error;
  }
}
