/**
 * @module PostgREST joins each embed as `LATERAL (…) AS "<table>_<name>_<depth>"`, so two embeds of one
 * name at one level (`people!sender_id(*),people!receiver_id(*)`) fail in Postgres with 42712; lite
 * silently kept one. This finds that alias so the gateway can answer as PostgREST does.
 */
import { selectItems } from "./simple-select.ts";

/** The lateral alias used twice, or null. `table` is the embedding relation, `depth` its level (top: 1). */
export function duplicateEmbedAlias(select: string, table: string, depth = 1): string | null {
  const seen = new Set<string>();
  for (const raw of selectItems(select)) {
    const item = raw.trim();
    const open = item.indexOf("(");
    if (open < 0 || !item.endsWith(")") || item.includes('"')) continue;
    const head = item.slice(0, open).replace(/^\.\.\./, "");
    const [alias, target = alias] = head.includes(":") ? head.split(":", 2) : [undefined, head];
    const relation = target!.split("!")[0]!.trim();
    // `count()`, `title.sum()`: aggregates, not embeds.
    if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(relation) || item.slice(open + 1, -1).trim() === "") continue;
    const name = `${table}_${(alias ?? relation).trim()}_${depth}`;
    if (seen.has(name)) return name;
    seen.add(name);
    const nested = duplicateEmbedAlias(item.slice(open + 1, -1), relation, depth + 1);
    if (nested) return nested;
  }
  return null;
}
