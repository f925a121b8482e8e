/**
 * @module The top-level output fields of a PostgREST `select`, as its CSV header names them and as
 * Postgres types them (PostgREST's QueryBuilder): a column or computed field, renamed by `alias:`, typed
 * by `::cast`, narrowed by a JSON path (`->` keeps json/jsonb, anything else goes through `to_jsonb`;
 * `->>` gives text), and an embed, which PostgREST selects as `jsonb` (`row_to_json(…)::jsonb` for one
 * row, `json_agg(…)::jsonb` for many). A spread (`...users(name)`) lifts the embedded fields to the top:
 * typed as in their table for one row, as `jsonb` arrays (`json_agg(…)::jsonb`) for many.
 */
import { selectItems } from "./simple-select.ts";

/** One output field: `source` is a column or computed field name (null for an embed). */
export interface CsvField {
  name: string;
  source: string | null;
  /** The `->`/`->>` path (PostgREST's JsonPath), each step's operator and key. */
  path: { text: boolean; key: string }[];
  cast: string | null;
}

const FIELD = /^(?:([^:()"]+):(?!:))?([A-Za-z_][A-Za-z0-9_$]*)((?:->>?[^\-:>()"]+)*)(?:::([A-Za-z_][A-Za-z0-9_]*))?$/;
const EMBED = /^(?:([^:()"]+):(?!:))?([A-Za-z_][A-Za-z0-9_$]*)(?:![A-Za-z_][A-Za-z0-9_$]*)*\((.*)\)$/s;
const SPREAD = /^\.\.\.([A-Za-z_][A-Za-z0-9_$]*)\((.+)\)$/s;
const INDEX = /^-?\d+$/;

/** A spread embed: the embedded relation (by table name) and its select. */
export interface CsvSpread {
  spread: string;
  select: string;
}

/**
 * The fields of `select` ("*" for the columns of the relation, in order), or null when it has something this
 * does not type (an aggregate, a quoted name, a hinted spread): those stay lite's CSV.
 */
export function csvFields(select: string | null): (CsvField | CsvSpread | "*")[] | null {
  if (select === null || select.trim() === "") return ["*"];
  const fields: (CsvField | CsvSpread | "*")[] = [];
  for (const raw of selectItems(select.replace(/\s/g, ""))) {
    const spread = SPREAD.exec(raw);
    if (raw === "*") fields.push("*");
    else if (spread) fields.push({ spread: spread[1]!, select: spread[2]! });
    else if (raw.endsWith(")")) {
      const embed = EMBED.exec(raw);
      // `count()`, `title.sum()` (aggregates) have an empty list.
      if (!embed || embed[3] === "") return null;
      fields.push({ name: embed[1] ?? embed[2]!, source: null, path: [], cast: null });
    } else {
      const field = FIELD.exec(raw);
      if (!field) return null;
      const [, alias, source, arrows = "", cast] = field;
      const path = [...arrows.matchAll(/->(>?)([^\-:>]+)/g)].map(([, text, key]) => ({ text: text === ">", key: key! }));
      fields.push({ name: alias ?? defaultName(source!, path), source: source!, path, cast: cast ?? null });
    }
  }
  return fields;
}

/** PostgREST's pgFmtAs: the last key of a JSON path (the column for a path of array indexes only). */
function defaultName(column: string, path: CsvField["path"]): string {
  return [...path].reverse().find((step) => !INDEX.test(step.key))?.key ?? column;
}

/** Postgres's type of a field, given its source's type (`sourceType`) and its cast's (`castType`). */
export function fieldType(field: CsvField, sourceType: string, castType: string | null): string {
  if (field.cast) return castType!;
  if (field.source === null) return "jsonb";
  const last = field.path.at(-1);
  if (!last) return sourceType;
  if (last.text) return "text";
  return sourceType === "json" ? "json" : "jsonb";
}
