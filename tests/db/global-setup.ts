/** @module Builds the migrated test database once per run and shares it as a data-directory dump. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { pgtap } from "@electric-sql/pglite-pgtap";
import { openDatabase } from "../../local/db/index.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), "codeforge-db-template-"));
  const db = await openDatabase({ extensions: { pgtap }, seed: false });
  const dump = await db.pg.dumpDataDir("none");
  await db.pg.close();
  const path = join(dir, "template.tar");
  await writeFile(path, Buffer.from(await dump.arrayBuffer()));
  project.provide("databaseTemplate", path);
  return () => rm(dir, { recursive: true, force: true });
}
