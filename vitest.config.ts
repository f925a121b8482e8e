import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Vitest's default in a run is one worker fewer than the CPUs: one on a 2-core CI machine. The
    // test files mostly wait on stacks, Deno and Chromium, so a second worker uses the idle core.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: "unit",
          include: ["shared/**/*.test.ts", "local/**/*.test.ts", "functions/**/*.test.ts", "tests/docs/**/*.test.ts", "tests/code/**/*.test.ts", "sandbox/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "db",
          include: ["tests/db/**/*.test.ts"],
          globalSetup: ["tests/db/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "local",
          include: ["tests/local/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "web",
          // *.test.tsx are component tests: Testing Library in happy-dom (`@vitest-environment` in each file).
          include: ["web/src/**/*.test.ts", "web/src/**/*.test.tsx"],
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
