/** @module The PGlite extensions CodeForge's migrations use (pgvector, uuid-ossp). */
import { vector } from "@electric-sql/pglite/vector";
import { uuid_ossp } from "@electric-sql/pglite/contrib/uuid_ossp";
import type { Extensions } from "@electric-sql/pglite";

export const databaseExtensions = { vector, uuid_ossp } satisfies Extensions;
