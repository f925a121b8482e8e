/** @module The monthly cap, checked before every model call a job or chat reply makes. */
import type { LlmProvider } from "../llm/types.ts";
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
 * `provider`, refusing each call with `monthly_cap_reached` once the user's
 * spend this month (what `spend` reads, plus `unrecorded`: what this step's
 * calls have cost so far) has reached their cap.
 */
export function withSpendCap(provider: LlmProvider, spend: () => Promise<MonthSpend>, unrecorded: () => number): LlmProvider {
  return {
    ...provider,
    async generate(request) {
      refuseOverCap(await spend(), unrecorded());
      return provider.generate(request);
    },
  };
}
