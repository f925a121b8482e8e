import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { batchTransactionSettings, deferredStatement } from "./batched-settings.ts";

describe("deferredStatement", () => {
  it("defers BEGIN, lite's set_config calls and SET LOCAL ROLE", () => {
    expect(deferredStatement("BEGIN", [])).toBe("BEGIN");
    expect(deferredStatement("SELECT set_config('request.jwt.claims', $1, true)", [`{"sub":"o'k"}`])).toBe(
      `select set_config('request.jwt.claims', '{"sub":"o''k"}', true)`,
    );
    expect(deferredStatement(`SET LOCAL ROLE "authenticated"`, [])).toBe(`SET LOCAL ROLE "authenticated"`);
  });

  it("runs everything else at once", () => {
    expect(deferredStatement("select * from projects", [])).toBeNull();
    expect(deferredStatement("SELECT set_config('role', $1, false)", ["anon"])).toBeNull();
    expect(deferredStatement("SELECT set_config('role', $1, true)", [null])).toBeNull();
    expect(deferredStatement("COMMIT", [])).toBeNull();
  });
});

describe("batchTransactionSettings", () => {
  let pg: PGlite;
  beforeAll(async () => {
    pg = await PGlite.create();
    batchTransactionSettings(pg);
  }, 60_000);
  afterAll(() => pg?.close());

  it("applies the held settings before the next statement, inside the transaction", async () => {
    await pg.query("BEGIN");
    await pg.query("SELECT set_config('request.jwt.claim.sub', $1, true)", ["user-1"]);
    // A transaction-local setting outlives its statement only inside BEGIN … COMMIT.
    const { rows } = await pg.query<{ sub: string }>("select current_setting('request.jwt.claim.sub', true) as sub");
    expect(rows[0]!.sub).toBe("user-1");
    await pg.query("COMMIT");
    const after = await pg.query<{ sub: string | null }>("select nullif(current_setting('request.jwt.claim.sub', true), '') as sub");
    expect(after.rows[0]!.sub).toBeNull();
  });

  it("surfaces an error in the held settings on the next statement", async () => {
    await pg.query("BEGIN");
    await pg.query(`SET LOCAL ROLE "no_such_role"`);
    await expect(pg.query("select 1")).rejects.toThrow(/no_such_role/);
    await pg.query("ROLLBACK");
  });
});
