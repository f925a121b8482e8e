/** @module Drains the change queue on every NOTIFY: take a batch, RLS-check it in one transaction, deliver in commit order. */
import type { LocalDatabase } from "../db/index.ts";
import { NOTIFY_CHANNEL, runVisibilityChecks, takeChanges } from "./capture-sql.ts";
import { deliver, planChange, type DeliveryPlan } from "./change-delivery.ts";
import type { Hub } from "./hub.ts";
import type { PublishedTable } from "./published-tables.ts";

const BATCH = 256;

export class ChangeFeed {
  private readonly tables: ReadonlyMap<string, PublishedTable>;
  private dirty = false;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: LocalDatabase,
    tables: readonly PublishedTable[],
    private readonly hub: Hub,
  ) {
    this.tables = new Map(tables.map((table) => [table.key, table]));
  }

  async start(): Promise<void> {
    this.unlisten = await this.db.exclusive(() => this.db.pg.listen(NOTIFY_CHANNEL, () => this.wake()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    const unlisten = this.unlisten;
    this.unlisten = null;
    if (unlisten) await this.db.exclusive(() => unlisten()).catch(() => undefined);
  }

  /** NOTIFY arrives while the writer still holds the database; the drain queues behind it. */
  private wake(): void {
    this.dirty = true;
    if (this.loop || this.stopped) return;
    this.loop = this.run()
      .catch((error: unknown) => console.error("[realtime] change feed failed:", error))
      .finally(() => {
        this.loop = null;
        if (this.dirty && !this.stopped) this.wake();
      });
  }

  private async run(): Promise<void> {
    while (this.dirty && !this.stopped) {
      this.dirty = false;
      while (!this.stopped && (await this.drainBatch()));
    }
  }

  /** True when the batch was full, so more changes may be waiting. */
  private async drainBatch(): Promise<boolean> {
    const { plans, visible, taken } = await this.db.exclusive(async () => {
      const changes = await takeChanges(this.db, BATCH);
      const plans: DeliveryPlan[] = [];
      for (const change of changes) {
        const table = this.tables.get(`${change.schema}.${change.table}`);
        const plan = table && planChange(change, table, this.hub);
        if (plan) plans.push(plan);
      }
      const checks = plans.flatMap((plan) => (plan.check ? [plan.check] : []));
      let visible: number[][];
      try {
        visible = await runVisibilityChecks(this.db, checks);
      } catch (error) {
        // Fail closed: nobody who needed a check gets these changes.
        console.error("[realtime] RLS check failed:", error);
        visible = checks.map(() => []);
      }
      return { plans, visible, taken: changes.length };
    });
    let next = 0;
    for (const plan of plans) deliver(plan, plan.check ? (visible[next++] ?? []) : []);
    return taken === BATCH;
  }
}
