/** @module The monthly cap, checked before every model call a job makes. */
import type { MeteredModel } from "../agents/model-meter.ts";
import type { AgentModel } from "../agents/types.ts";
import { AppError } from "../errors.ts";
import type { MonthSpend } from "./store.ts";

const usd = (amount: number) => `$${amount.toFixed(amount < 1 ? 4 : 2)}`;

/** Throws `monthly_cap_reached` when `spent` (this month's spend, plus calls not yet recorded) has reached the cap. */
export function refuseOverCap({ month_spend_usd, monthly_cap_usd }: MonthSpend, unrecorded = 0): void {
  const spent = month_spend_usd + unrecorded;
  if (monthly_cap_usd !== null && spent >= monthly_cap_usd) {
    throw new AppError(
      "monthly_cap_reached",
      `This month's spend (${usd(spent)}) has reached your monthly cap of ${usd(monthly_cap_usd)}. Raise the cap in Settings, then retry.`,
      { month_spend_usd: spent, monthly_cap_usd },
    );
  }
}

/**
 * The metered model, refusing each call with `monthly_cap_reached` once the
 * user's spend this month (what `spend` reads, plus what this step's calls
 * have cost and is not recorded yet) has reached their cap. The offline engine
 * costs nothing and is never capped.
 */
export function withSpendCap({ model, spent }: MeteredModel, spend: () => Promise<MonthSpend>): AgentModel {
  if (model.source === "offline") return model;
  return {
    name: model.name,
    source: model.source,
    async run(task, input, context) {
      refuseOverCap(await spend(), spent().costUsd);
      return model.run(task, input, context);
    },
  };
}
