/** @module The CLI's progress bar: `[████████············]`, 20 cells. */
export const progressBar = (fraction: number) => `[${"█".repeat(Math.round(Math.min(Math.max(fraction, 0), 1) * 20)).padEnd(20, "·")}]`;
