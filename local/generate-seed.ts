/** @module `npm run gen:seed`: writes supabase/seed.sql from the pattern library. */
import { writeFile } from "node:fs/promises";
import { renderSeedSql } from "../shared/patterns/seed-sql.ts";

await writeFile(new URL("../supabase/seed.sql", import.meta.url), renderSeedSql());
console.log("wrote supabase/seed.sql");
