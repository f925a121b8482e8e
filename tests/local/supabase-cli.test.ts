/**
 * The real Supabase CLI (the `supabase` npm package, its binary from the platform package
 * @supabase/cli-linux-x64 etc., nothing downloaded) against the stack's wire port.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrationFiles, supabaseDir } from "../../local/db/index.ts";
import { restAndAuth } from "../../local/rest/index.ts";
import { startTestStack, type TestStack } from "./stack.ts";

const run = promisify(execFile);
const cliBin = join(supabaseDir, "..", "node_modules", ".bin", "supabase");
let workdir: string;

beforeAll(async () => {
  // The CLI writes supabase/.temp beside the migrations it reads: a copy keeps the checkout clean.
  workdir = await mkdtemp(join(tmpdir(), "codeforge-cli-"));
  await cp(join(supabaseDir, "migrations"), join(workdir, "supabase", "migrations"), { recursive: true });
  await cp(join(supabaseDir, "config.toml"), join(workdir, "supabase", "config.toml"));
});
afterAll(() => rm(workdir, { recursive: true, force: true }));

async function supabase(...args: string[]): Promise<string> {
  const { stdout, stderr } = await run(cliBin, [...args, "--workdir", workdir], {
    // No update check and no telemetry: the CLI must not reach beyond the stack.
    env: { ...process.env, SUPABASE_NO_UPDATE_NOTIFIER: "1", SUPABASE_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", CI: "1" },
    timeout: 120_000,
  });
  return `${stdout}\n${stderr}`;
}

/** `supabase migration list` rows as [local, remote] versions. */
function listed(output: string): Array<[string, string]> {
  return [...output.matchAll(/^\s*`?\s*(\d{14})?\s*`?\s*\|\s*`?\s*(\d{14})?\s*`?\s*\|/gm)].map((match) => [match[1] ?? "", match[2] ?? ""]);
}

it("is delivered by npm: a platform binary, no postinstall download", async () => {
  const pkg = JSON.parse(await readFile(join(supabaseDir, "..", "node_modules", "supabase", "package.json"), "utf8"));
  expect(pkg.scripts?.postinstall).toBeUndefined();
  expect(await supabase("--version")).toContain(pkg.version);
});

describe("on a database with no migrations applied", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack([restAndAuth], { dbPort: 0, applyMigrations: false });
  });
  afterAll(() => stack?.close());

  it("db push applies every migration, and REST sees the tables at once", { timeout: 180_000 }, async () => {
    const files = await listMigrationFiles(join(workdir, "supabase", "migrations"));
    const before = listed(await supabase("migration", "list", "--db-url", stack.dbUrl!));
    expect(before).toEqual(files.map((file) => [file.version, ""]));
    const unknown = await fetch(`${stack.apiUrl}/rest/v1/projects?select=id`, { headers: { apikey: stack.keys.serviceRoleKey } });
    expect(unknown.status).toBe(404);

    const pushed = await supabase("db", "push", "--db-url", stack.dbUrl!, "--yes");
    for (const file of files) expect(pushed).toContain(`${file.version}_${file.name}.sql`);
    const after = listed(await supabase("migration", "list", "--db-url", stack.dbUrl!));
    expect(after).toEqual(files.map((file) => [file.version, file.version]));

    // The history table is the CLI's: one row per file with its name and statements.
    const { rows } = await stack.db.exclusive(() =>
      stack.db.pg.query<{ version: string; name: string; statements: string[] }>(
        "select version, name, statements from supabase_migrations.schema_migrations order by version",
      ),
    );
    expect(rows.map((row) => [row.version, row.name])).toEqual(files.map((file) => [file.version, file.name]));
    expect(rows.every((row) => row.statements.length > 0)).toBe(true);

    // DDL over the wire reloads the REST schema cache (pgrst_ddl_watch), as on Supabase.
    const known = await fetch(`${stack.apiUrl}/rest/v1/projects?select=id`, { headers: { apikey: stack.keys.serviceRoleKey } });
    expect(known.status).toBe(200);
    expect(await known.json()).toEqual([]);
  });
});

describe("on a fresh stack (migrations applied on start)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack([restAndAuth], { dbPort: 0 });
  });
  afterAll(() => stack?.close());

  it("migration list shows every file applied and db push has nothing to do", { timeout: 120_000 }, async () => {
    const files = (await readdir(join(workdir, "supabase", "migrations"))).filter((file) => file.endsWith(".sql"));
    const rows = listed(await supabase("migration", "list", "--db-url", stack.dbUrl!));
    expect(rows).toHaveLength(files.length);
    expect(rows.every(([local, remote]) => local !== "" && local === remote)).toBe(true);
    expect(await supabase("db", "push", "--db-url", stack.dbUrl!, "--yes")).toContain("Remote database is up to date");
  });
});
