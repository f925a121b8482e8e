/** @module The local database: PGlite with Supabase's platform pieces and the project's migrations. */
export { openDatabase, startSession, supabaseDir, type LocalDatabase, type OpenDatabaseOptions } from "./open-database.ts";
export { applyPendingMigrations, listMigrationFiles, type MigrationFile } from "./migrations.ts";
export { databaseExtensions } from "./extensions.ts";
export { serveWirePort, type WirePort } from "./wire-port.ts";
