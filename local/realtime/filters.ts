/** @module postgres_changes filters (`column=op.value`, PostgREST syntax): parsing, and evaluation against a changed row. */

export type FilterOperator = "eq" | "neq" | "lt" | "lte" | "gt" | "gte" | "in" | "is" | "like" | "ilike" | "match" | "imatch" | "isdistinct";

export interface Condition {
  column: string;
  operator: FilterOperator;
  negated: boolean;
  /** The literal, unquoted; a list for `in`. */
  value: string | string[];
}

export class FilterError extends Error {}

const OPERATORS = new Set<string>(["eq", "neq", "lt", "lte", "gt", "gte", "in", "is", "like", "ilike", "match", "imatch", "isdistinct"]);
const MAX_IN_VALUES = 100;

/** Splits on commas outside double quotes and parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === "\\") i++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === "(") depth++;
    else if (char === ")") depth--;
    else if (char === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `"a,b"` → `a,b` (with `\"` and `\\` escapes); anything unquoted is kept as written. */
function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1).replace(/\\(.)/g, "$1");
  return text;
}

/**
 * Parses a filter string such as `project_id=eq.42`, `id=in.(1,2)`,
 * `status=not.in.(draft,"a,b")` or `id=gt.0,id=lt.9` (conditions ANDed).
 *
 * @example parseFilter("id=in.(2,3)") // [{ column: "id", operator: "in", negated: false, value: ["2", "3"] }]
 */
export function parseFilter(filter: string): Condition[] {
  return splitTopLevel(filter).map((part) => {
    const equals = part.indexOf("=");
    if (equals <= 0) throw new FilterError(`missing \`=\` in ${part}`);
    const column = part.slice(0, equals).trim();
    let rest = part.slice(equals + 1);
    let negated = false;
    if (rest.startsWith("not.")) {
      negated = true;
      rest = rest.slice(4);
    }
    const dot = rest.indexOf(".");
    const operator = dot < 0 ? rest : rest.slice(0, dot);
    if (!OPERATORS.has(operator)) throw new FilterError(`unknown operator \`${operator}\``);
    const literal = dot < 0 ? "" : rest.slice(dot + 1);
    if (operator !== "in") return { column, operator: operator as FilterOperator, negated, value: unquote(literal) };
    if (!literal.startsWith("(") || !literal.endsWith(")")) throw new FilterError("`in` expects a list like (a,b)");
    const inner = literal.slice(1, -1);
    const values = inner === "" ? [] : splitTopLevel(inner).map((value) => unquote(value.trim()));
    if (values.length > MAX_IN_VALUES) throw new FilterError(`\`in\` accepts at most ${MAX_IN_VALUES} values`);
    return { column, operator: "in", negated, value: values };
  });
}

const NUMERIC_TYPES = new Set(["int2", "int4", "int8", "float4", "float8", "numeric", "oid", "money"]);
const TIME_TYPES = new Set(["timestamptz", "timestamp", "date"]);

/** Throws when a literal cannot be cast to the column's type, as the real server's cast would. */
export function checkLiteral(condition: Condition, type: string): void {
  if (condition.operator === "is" || !NUMERIC_TYPES.has(type)) return;
  const literals = Array.isArray(condition.value) ? condition.value : [condition.value];
  for (const literal of literals) {
    if (Number.isNaN(Number(literal)) || literal.trim() === "") {
      throw new FilterError(`invalid input syntax for type ${type}: "${literal}"`);
    }
  }
}

const BOOLEAN_LITERALS: Record<string, boolean> = { true: true, t: true, yes: true, y: true, on: true, "1": true, false: false, f: false, no: false, n: false, off: false, "0": false };

/** What SQL would compare: a number, a string, or null for an unusable literal. */
function comparable(value: unknown, type: string): number | string | null {
  if (value === null || value === undefined) return null;
  if (NUMERIC_TYPES.has(type)) {
    const number = typeof value === "number" ? value : Number(value);
    return Number.isNaN(number) ? null : number;
  }
  if (type === "bool") {
    if (typeof value === "boolean") return value ? 1 : 0;
    const parsed = BOOLEAN_LITERALS[String(value).trim().toLowerCase()];
    return parsed === undefined ? null : parsed ? 1 : 0;
  }
  if (TIME_TYPES.has(type)) {
    const time = Date.parse(String(value).trim().replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
    return Number.isNaN(time) ? String(value) : time;
  }
  if (type === "uuid") return String(value).toLowerCase();
  if (type === "json" || type === "jsonb") {
    if (typeof value !== "string") return JSON.stringify(value);
    try {
      return JSON.stringify(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return `{${value.map((item) => String(item)).join(",")}}`;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Record values from to_jsonb: jsonb columns hold JSON values, not JSON text. */
const recordSide = (value: unknown, type: string) =>
  (type === "json" || type === "jsonb") && value !== null && value !== undefined ? comparable(JSON.stringify(value), type) : comparable(value, type);

function likeToRegExp(pattern: string, flags: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "\\" && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (char === "%" || char === "*") source += "[\\s\\S]*";
    else if (char === "_") source += "[\\s\\S]";
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, flags);
}

/** SQL three-valued result: true, false, or null (unknown, which hides the row). */
function evaluate(condition: Condition, value: unknown, type: string): boolean | null {
  const { operator } = condition;
  if (operator === "is") {
    const literal = String(condition.value).toLowerCase();
    if (literal === "null") return value === null;
    if (literal === "not_null") return value !== null;
    if (literal === "unknown") return value === null;
    if (literal === "true" || literal === "false") return value === null ? false : comparable(value, "bool") === (literal === "true" ? 1 : 0);
    return null;
  }
  const left = recordSide(value, type);
  if (operator === "in") {
    if (left === null) return null;
    const literals = condition.value as string[];
    let sawNull = false;
    for (const literal of literals) {
      const right = comparable(literal, type);
      if (right === null) sawNull = true;
      else if (right === left) return true;
    }
    return sawNull ? null : false;
  }
  const right = comparable(condition.value, type);
  if (operator === "isdistinct") return left !== right;
  if (left === null || right === null) return null;
  switch (operator) {
    case "eq":
      return left === right;
    case "neq":
      return left !== right;
    case "lt":
      return left < right;
    case "lte":
      return left <= right;
    case "gt":
      return left > right;
    case "gte":
      return left >= right;
    case "like":
      return likeToRegExp(String(right), "").test(String(left));
    case "ilike":
      return likeToRegExp(String(right), "i").test(String(left));
    case "match":
    case "imatch":
      try {
        return new RegExp(String(right), operator === "imatch" ? "i" : "").test(String(left));
      } catch {
        return null;
      }
  }
}

/**
 * True when every condition holds for `row`. A column missing from the row
 * fails closed, as a filter on a column absent from the WAL record does.
 */
export function matchesFilter(conditions: readonly Condition[], row: Record<string, unknown> | null, types: ReadonlyMap<string, string>): boolean {
  if (conditions.length === 0) return true;
  if (!row) return false;
  for (const condition of conditions) {
    if (!Object.hasOwn(row, condition.column)) return false;
    const result = evaluate(condition, row[condition.column], types.get(condition.column) ?? "text");
    if (result === null || result === condition.negated) return false;
  }
  return true;
}
