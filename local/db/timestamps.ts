/** @module Timestamps as PostgREST renders them (to_json): ISO 8601 with a T and a ±hh:mm offset. */

const POSTGRES_TIMESTAMP = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d(?::\d\d){0,2})?$/;

/** `2026-11-23 14:25:22.218+00` → `2026-11-23T14:25:22.218+00:00`; other text (infinity, BC) is kept. */
export function isoTimestamp(text: string): string {
  const match = POSTGRES_TIMESTAMP.exec(text);
  if (!match) return text;
  const [, date, time, offset = ""] = match;
  return `${date}T${time}${offset.length === 3 ? `${offset}:00` : offset}`;
}

/** PGlite parsers for timestamptz (1184) and timestamp (1114). */
export const timestampParsers = { 1184: isoTimestamp, 1114: isoTimestamp };
