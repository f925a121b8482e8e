/** @module Field schemas shared by the API contracts: ids, timestamps, the user's idea. */
import { z } from "zod";

/**
 * A uuid as Postgres prints it: 8-4-4-4-12 hex digits. `z.guid()` rather than
 * `z.uuid()` because Postgres accepts any such value (fixtures use ids like
 * `11111111-…` whose version/variant bits are not RFC 9562's).
 */
export const Uuid = z.guid();
export type Uuid = z.infer<typeof Uuid>;

/** An ISO 8601 timestamp with `Z` or an offset, as PostgREST returns `timestamptz`. */
export const IsoDateTime = z.iso.datetime({ offset: true });

/**
 * Longest idea a user may submit: the chat's prompt limit, but longer input is
 * rejected with a 400 instead of truncated silently, so the user knows what was cut.
 */
export const MAX_USER_IDEA_LENGTH = 5000;

/** The user's idea: trimmed, non-empty, at most `MAX_USER_IDEA_LENGTH` characters (UTF-16 units). */
export const UserIdea = z.string().trim().min(1).max(MAX_USER_IDEA_LENGTH);

/** Any JSON value (a job's `result`). */
export const JsonValue = z.json();
