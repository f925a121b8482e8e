/** @module A join's `config.postgres_changes`: validated against the publication, echoed with ids, turned into bindings. */
import type { PostgresBinding } from "./channel.ts";
import { checkLiteral, FilterError, parseFilter, type Condition } from "./filters.ts";
import type { PublishedTable } from "./published-tables.ts";

export interface ParsedBindings {
  /** The join reply's `postgres_changes`: each entry exactly as sent, plus `id`. */
  reply: Record<string, unknown>[];
  /** Empty when `error` is set: a channel subscribes to all its bindings or none. */
  bindings: PostgresBinding[];
  /** The `system` error message to push, if any binding is invalid. */
  error: string | null;
}

const EVENTS = new Set(["*", "INSERT", "UPDATE", "DELETE"]);

/** A stable id below 2^27 for an entry, like the real server's `phash2` of it. */
export function bindingId(entry: Record<string, unknown>): number {
  const canonical = JSON.stringify(Object.keys(entry).sort().map((key) => [key, entry[key]]));
  let hash = 0x811c9dc5;
  for (let i = 0; i < canonical.length; i++) {
    hash ^= canonical.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 2 ** 27;
}

class BindingError extends Error {}

const describe = (entry: Record<string, unknown>) =>
  `[event: ${String(entry.event)}, schema: ${String(entry.schema)}, table: ${String(entry.table ?? "*")}, filters: [${entry.filter ? JSON.stringify(entry.filter) : ""}]]`;

function parseOne(entry: Record<string, unknown>, id: number, tables: readonly PublishedTable[]): PostgresBinding {
  const event = typeof entry.event === "string" ? entry.event.toUpperCase() : "";
  if (!EVENTS.has(event)) throw new BindingError(`Unable to subscribe to changes with given parameters. Invalid event: ${describe(entry)}`);
  if (typeof entry.schema !== "string" || entry.schema === "") {
    throw new BindingError(`Unable to subscribe to changes with given parameters. A schema is required: ${describe(entry)}`);
  }
  const schema = entry.schema;
  const table = typeof entry.table === "string" && entry.table !== "" ? entry.table : "*";
  const covered = tables.filter((t) => (schema === "*" || t.schema === schema) && (table === "*" || t.name === table));
  if (covered.length === 0) {
    throw new BindingError(
      `Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: ${describe(entry)}`,
    );
  }
  const wildcard = schema === "*" || table === "*";

  let conditions: Condition[] = [];
  if (entry.filter !== undefined && entry.filter !== null && entry.filter !== "") {
    if (typeof entry.filter !== "string") throw new BindingError("Error parsing `filter` params: filter must be a string");
    try {
      conditions = parseFilter(entry.filter);
      if (!wildcard) {
        const only = covered[0]!;
        for (const condition of conditions) {
          const type = only.types.get(condition.column);
          if (!type) throw new FilterError(`column ${condition.column} does not exist in ${only.key}`);
          checkLiteral(condition, type);
        }
      }
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      throw new BindingError(`Error parsing \`filter\` params: ${entry.filter}: ${error.message}`);
    }
  }

  let select: string[] | null = null;
  if (entry.select !== undefined && entry.select !== null) {
    if (wildcard) throw new BindingError("Unable to subscribe to changes with given parameters. `select` is not allowed with wildcards");
    if (!Array.isArray(entry.select) || entry.select.some((column) => typeof column !== "string")) {
      throw new BindingError("Unable to subscribe to changes with given parameters. `select` must be a list of column names");
    }
    const missing = (entry.select as string[]).filter((column) => !covered[0]!.types.has(column));
    if (missing.length > 0) throw new BindingError(`Unable to subscribe to changes with given parameters. Unknown columns in \`select\`: ${missing.join(", ")}`);
    select = entry.select as string[];
  }

  return { id, event: event as PostgresBinding["event"], tables: new Set(covered.map((t) => t.key)), conditions, select };
}

/** Validates every entry; the join succeeds either way, errors go out as a `system` message. */
export function parseBindings(entries: unknown, tables: readonly PublishedTable[]): ParsedBindings {
  const list = Array.isArray(entries) ? entries : [];
  const reply: Record<string, unknown>[] = [];
  const bindings: PostgresBinding[] = [];
  let error: string | null = null;
  for (const raw of list) {
    const entry = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    const id = bindingId(entry);
    reply.push({ ...entry, id });
    try {
      bindings.push(parseOne(entry, id, tables));
    } catch (cause) {
      if (!(cause instanceof BindingError)) throw cause;
      error ??= cause.message;
    }
  }
  return { reply, bindings: error ? [] : bindings, error };
}
