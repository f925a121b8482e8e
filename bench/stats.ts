/** @module Small helpers the benchmarks share: percentiles and markdown tables. */

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;

export function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Times `fn` `count` times in a row after `warmup` untimed runs; returns each duration in ms. */
export async function timeEach(count: number, fn: () => Promise<unknown>, warmup = 20): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

/**
 * Times each of `fns` in turns (a, b, c, a, b, c, …) so all see the same machine
 * load; on a shared machine, timing one after the other skews their ratios.
 * Returns each function's durations in ms, in the order given.
 */
export async function timeInTurns(count: number, fns: (() => Promise<unknown>)[], warmup = 20): Promise<number[][]> {
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn();
  const samples = fns.map(() => [] as number[]);
  for (let i = 0; i < count; i++) {
    for (const [index, fn] of fns.entries()) {
      const start = performance.now();
      await fn();
      samples[index]!.push(performance.now() - start);
    }
  }
  return samples;
}
