import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { supabaseDir } from "../../local/db/index.ts";
import { freshDatabase } from "./harness.ts";

const testsDir = `${supabaseDir}tests/database/`;
const files = (await readdir(testsDir)).filter((file) => file.endsWith(".sql")).sort();

/** The file's SQL with each psql `\ir path` line replaced by that file, as psql includes it (relative to the file). */
async function withIncludes(path: string): Promise<string> {
  const sql = await readFile(path, "utf8");
  const dir = dirname(path);
  const parts = await Promise.all(sql.split("\n").map((line) => {
    const include = /^\\ir\s+(\S+)\s*$/.exec(line);
    return include ? withIncludes(join(dir, include[1]!)) : line;
  }));
  return parts.join("\n");
}

/** The TAP lines a pgTAP file printed: every text value of every row it returned. */
function tapLines(results: { rows: Record<string, unknown>[] }[]): string[] {
  return results
    .flatMap((result) => result.rows.flatMap((row) => Object.values(row)))
    .filter((value): value is string => typeof value === "string")
    .flatMap((value) => value.split("\n"));
}

describe("pgTAP suites (supabase/tests/database, as `supabase test db` runs them)", () => {
  it("finds the suites", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s", async (file) => {
    const pg = await freshDatabase();
    try {
      const lines = tapLines(await pg.exec(await withIncludes(testsDir + file)));
      const plan = lines.find((line) => /^1\.\.\d+$/.test(line));
      const failures = lines.filter((line) => line.startsWith("not ok") || /^# Looks like/.test(line));
      const passes = lines.filter((line) => line.startsWith("ok "));
      expect(failures, lines.join("\n")).toEqual([]);
      expect(plan, "the file declares a plan").toBeDefined();
      expect(passes).toHaveLength(Number(plan!.slice(3)));
    } finally {
      await pg.close();
    }
  });
});
