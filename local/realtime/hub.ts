/** @module Every joined channel of the server, found by topic (broadcast, presence) and by table (postgres_changes). */
import type { Channel } from "./channel.ts";

export class Hub {
  private readonly byNamespace = new Map<string, Set<Channel>>();
  private readonly byTable = new Map<string, Set<Channel>>();

  add(channel: Channel): void {
    addTo(this.byNamespace, channel.namespace, channel);
    this.indexBindings(channel);
  }

  remove(channel: Channel): void {
    removeFrom(this.byNamespace, channel.namespace, channel);
    this.unindexBindings(channel);
  }

  /** Channels joined to a topic (namespace `public:realtime:room1` or `private:…`). */
  members(namespace: string): ReadonlySet<Channel> {
    return this.byNamespace.get(namespace) ?? EMPTY;
  }

  /** Channels with at least one postgres_changes binding on the table. */
  subscribedTo(tableKey: string): ReadonlySet<Channel> {
    return this.byTable.get(tableKey) ?? EMPTY;
  }

  get size(): number {
    let count = 0;
    for (const set of this.byNamespace.values()) count += set.size;
    return count;
  }

  private indexBindings(channel: Channel): void {
    for (const binding of channel.bindings) for (const table of binding.tables) addTo(this.byTable, table, channel);
  }

  private unindexBindings(channel: Channel): void {
    for (const binding of channel.bindings) for (const table of binding.tables) removeFrom(this.byTable, table, channel);
  }
}

const EMPTY: ReadonlySet<Channel> = new Set();

function addTo(map: Map<string, Set<Channel>>, key: string, channel: Channel): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(channel);
}

function removeFrom(map: Map<string, Set<Channel>>, key: string, channel: Channel): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(channel);
  if (set.size === 0) map.delete(key);
}
