/** @module From a queued change to postgres_changes frames: binding match, RLS grouping by identity, payload shaping per role. */
import type { Channel, PostgresBinding } from "./channel.ts";
import type { QueuedChange, VisibilityCheck } from "./capture-sql.ts";
import { matchesFilter } from "./filters.ts";
import type { Hub } from "./hub.ts";
import type { PublishedTable } from "./published-tables.ts";
import { rlsIdentity } from "./tokens.ts";

interface Target {
  channel: Channel;
  /** The identity the channel had when planned; a channel that changed token since is skipped. */
  identityKey: string;
  bindings: PostgresBinding[];
  /** Index into the check's identities, or -1 when no RLS check applies. */
  checkIndex: number;
}

export interface DeliveryPlan {
  change: QueuedChange;
  table: PublishedTable;
  targets: Target[];
  /** Present when some targets must pass RLS: one entry per distinct identity. */
  check: VisibilityCheck | null;
}

const canSelectKey = (table: PublishedTable, role: string) => table.primaryKey.every((column) => table.selectable.get(role)?.has(column));

function bindingMatches(binding: PostgresBinding, change: QueuedChange, table: PublishedTable): boolean {
  if (!binding.tables.has(table.key)) return false;
  if (binding.event !== "*" && binding.event !== change.type) return false;
  // Filters see the new row; a DELETE has none, so it is matched on the old identity columns.
  const row = change.type === "DELETE" ? change.oldIdentity : change.record;
  return matchesFilter(binding.conditions, row, table.types);
}

/** Which channels a change may go to and which identities must be RLS-checked (one check per identity, not per channel). */
export function planChange(change: QueuedChange, table: PublishedTable, hub: Hub, now = Date.now()): DeliveryPlan | null {
  const channels = hub.subscribedTo(table.key);
  if (channels.size === 0) return null;
  const rlsApplies = change.rlsEnabled && change.type !== "DELETE" && table.primaryKey.length > 0;
  const identities = new Map<string, number>();
  const check: VisibilityCheck = { sql: table.visibilitySql, key: primaryKeyOf(change, table), identities: [] };
  const targets: Target[] = [];
  for (const channel of channels) {
    if (channel.closed) continue;
    const { identity } = channel;
    if (identity.expiresAt !== null && identity.expiresAt <= now) continue;
    const bindings = channel.bindings.filter((binding) => bindingMatches(binding, change, table));
    if (bindings.length === 0) continue;
    let checkIndex = -1;
    // A role that cannot select the key gets the 401 payload, with no row to check.
    if (rlsApplies && canSelectKey(table, identity.role)) {
      checkIndex = identities.get(identity.key) ?? -1;
      if (checkIndex < 0) {
        checkIndex = check.identities.length;
        identities.set(identity.key, checkIndex);
        check.identities.push(rlsIdentity(identity));
      }
    }
    targets.push({ channel, identityKey: identity.key, bindings, checkIndex });
  }
  if (targets.length === 0) return null;
  return { change, table, targets, check: check.identities.length > 0 ? check : null };
}

function primaryKeyOf(change: QueuedChange, table: PublishedTable): Record<string, unknown> {
  const row = change.record ?? change.oldIdentity ?? {};
  return Object.fromEntries(table.primaryKey.map((column) => [column, row[column] ?? null]));
}

function pick(row: Record<string, unknown> | null, columns: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  if (!row) return picked;
  for (const column of columns) if (Object.hasOwn(row, column)) picked[column] = row[column];
  return picked;
}

/**
 * The `data` of a postgres_changes frame as `realtime.apply_rls` builds it for
 * one role (and `select` list): columns the role may SELECT, `record` on
 * INSERT/UPDATE, `old_record` (replica identity; primary key only on a DELETE
 * from an RLS table) on UPDATE/DELETE, or the 400/401 error shapes.
 */
export function changeData(change: QueuedChange, table: PublishedTable, role: string, select: readonly string[] | null): Record<string, unknown> {
  const base = { schema: change.schema, table: change.table, type: change.type };
  const failed = (error: string) => ({
    ...base,
    commit_timestamp: null,
    columns: [],
    errors: [error],
    ...(change.type !== "DELETE" ? { record: {} } : {}),
    ...(change.type !== "INSERT" ? { old_record: {} } : {}),
  });
  if (table.primaryKey.length === 0) return failed("Error 400: Bad Request, no primary key");
  if (!canSelectKey(table, role)) return failed("Error 401: Unauthorized");
  const selectable = table.selectable.get(role)!;
  const columns = table.columns.filter((column) => selectable.has(column.name) && (!select || select.includes(column.name)));
  const names = columns.map((column) => column.name);
  const oldColumns = change.type === "DELETE" && change.rlsEnabled ? table.primaryKey.filter((column) => selectable.has(column)) : names;
  return {
    ...base,
    commit_timestamp: change.commitTimestamp,
    columns,
    errors: null,
    ...(change.type !== "DELETE" ? { record: pick(change.record, names) } : {}),
    ...(change.type !== "INSERT" ? { old_record: pick(change.oldIdentity, oldColumns) } : {}),
  };
}

/** Sends the change to every planned channel that passed its check; `visible` lists the identities the check let through. */
export function deliver(plan: DeliveryPlan, visible: readonly number[]): number {
  const passed = new Set(visible);
  const dataJson = new Map<string, string>();
  let sent = 0;
  for (const target of plan.targets) {
    const { channel } = target;
    if (channel.closed || channel.identity.key !== target.identityKey) continue;
    if (target.checkIndex >= 0 && !passed.has(target.checkIndex)) continue;
    // One frame per channel, or one per distinct `select` list when bindings differ.
    const groups = new Map<string, number[]>();
    for (const binding of target.bindings) {
      const key = binding.select ? JSON.stringify(binding.select) : "";
      const ids = groups.get(key);
      if (ids) ids.push(binding.id);
      else groups.set(key, [binding.id]);
    }
    for (const [selectKey, ids] of groups) {
      const cacheKey = `${channel.identity.role}\u0000${selectKey}`;
      let data = dataJson.get(cacheKey);
      if (data === undefined) {
        data = JSON.stringify(changeData(plan.change, plan.table, channel.identity.role, selectKey ? (JSON.parse(selectKey) as string[]) : null));
        dataJson.set(cacheKey, data);
      }
      channel.pushRaw("postgres_changes", `{"ids":${JSON.stringify(ids)},"data":${data}}`);
      sent++;
    }
  }
  return sent;
}
