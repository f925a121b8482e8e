import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { supabaseDir } from "../../local/db/index.ts";
import { freshDatabase } from "./harness.ts";

const testsDir = `${supabaseDir}tests/database/`;
const files = (await readdir(testsDir)).filter((file) => file.endsWith(".sql")).sort();

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
      const lines = tapLines(await pg.exec(await readFile(testsDir + file, "utf8")));
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
