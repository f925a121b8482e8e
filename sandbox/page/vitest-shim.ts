/**
 * @module What `import … from "vitest"` means inside the sandbox's page: describe / it / hooks /
 * expect / vi.fn, run in the page itself (a real DOM), results left on `window.__sandboxTests`.
 * A matcher it lacks fails the test and says so; it never passes silently.
 */

type Fn = () => unknown;
interface TestCase { name: string; fn: Fn; file: string; skip: boolean }
interface Suite { name: string; tests: (TestCase | Suite)[]; before: Fn[]; after: Fn[]; beforeAll: Fn[]; afterAll: Fn[]; file: string }
export interface TestResult { name: string; file: string; status: "passed" | "failed" | "skipped"; message?: string; ms: number }

const root: Suite = { name: "", tests: [], before: [], after: [], beforeAll: [], afterAll: [], file: "" };
let current = root;
let currentFile = "";

/** Set by the bundle before each test file's body runs. */
export function __sandboxFile(file: string): void {
  currentFile = file;
  current = { name: "", tests: [], before: [], after: [], beforeAll: [], afterAll: [], file };
  root.tests.push(current);
}

export function describe(name: string, body: () => void): void {
  const suite: Suite = { name, tests: [], before: [], after: [], beforeAll: [], afterAll: [], file: currentFile };
  current.tests.push(suite);
  const parent = current;
  current = suite;
  try {
    body();
  } finally {
    current = parent;
  }
}
describe.skip = (name: string, _body: () => void) => current.tests.push({ name, fn: () => undefined, file: currentFile, skip: true });

export function it(name: string, fn: Fn, _timeout?: number): void {
  current.tests.push({ name, fn, file: currentFile, skip: false });
}
it.skip = (name: string, _fn?: Fn) => current.tests.push({ name, fn: () => undefined, file: currentFile, skip: true });
it.todo = (name: string) => it.skip(name);
it.each = <T>(cases: T[]) => (name: string, fn: (value: T) => unknown) =>
  cases.forEach((value, index) => it(name.replace(/%[sdij#]/, typeof value === "string" ? value : String(index)), () => fn(value)));
export const test = it;

export const beforeEach = (fn: Fn) => void current.before.push(fn);
export const afterEach = (fn: Fn) => void current.after.push(fn);
export const beforeAll = (fn: Fn) => void current.beforeAll.push(fn);
export const afterAll = (fn: Fn) => void current.afterAll.push(fn);

// ---- expect -------------------------------------------------------------------------------------

const show = (value: unknown): string => {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return `[Function ${value.name || "anonymous"}]`;
  if (value instanceof Element) return `<${value.tagName.toLowerCase()}>`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

interface Mock { (...args: unknown[]): unknown; calls: unknown[][]; isMock: true }

function matchers(actual: unknown): Record<string, (...args: never[]) => [boolean, string]> {
  const calls = () => (actual as Mock)?.calls ?? [];
  return {
    toBe: (expected: unknown) => [Object.is(actual, expected), `expected ${show(actual)} to be ${show(expected)}`],
    toEqual: (expected: unknown) => [equal(actual, expected), `expected ${show(actual)} to equal ${show(expected)}`],
    toStrictEqual: (expected: unknown) => [equal(actual, expected), `expected ${show(actual)} to strictly equal ${show(expected)}`],
    toBeTruthy: () => [Boolean(actual), `expected ${show(actual)} to be truthy`],
    toBeFalsy: () => [!actual, `expected ${show(actual)} to be falsy`],
    toBeNull: () => [actual === null, `expected ${show(actual)} to be null`],
    toBeUndefined: () => [actual === undefined, `expected ${show(actual)} to be undefined`],
    toBeDefined: () => [actual !== undefined, `expected ${show(actual)} to be defined`],
    toBeInstanceOf: (type: new () => unknown) => [actual instanceof type, `expected ${show(actual)} to be an instance of ${type.name}`],
    toBeGreaterThan: (n: number) => [(actual as number) > n, `expected ${show(actual)} to be greater than ${n}`],
    toBeGreaterThanOrEqual: (n: number) => [(actual as number) >= n, `expected ${show(actual)} to be at least ${n}`],
    toBeLessThan: (n: number) => [(actual as number) < n, `expected ${show(actual)} to be less than ${n}`],
    toBeLessThanOrEqual: (n: number) => [(actual as number) <= n, `expected ${show(actual)} to be at most ${n}`],
    toHaveLength: (n: number) => [(actual as { length?: number })?.length === n, `expected length ${(actual as { length?: number })?.length} to be ${n}`],
    toContain: (item: unknown) => [typeof actual === "string" ? actual.includes(item as string) : Array.from(actual as unknown[]).includes(item), `expected ${show(actual)} to contain ${show(item)}`],
    toMatch: (pattern: RegExp | string) => [typeof actual === "string" && (typeof pattern === "string" ? actual.includes(pattern) : pattern.test(actual)), `expected ${show(actual)} to match ${String(pattern)}`],
    toThrow: (expected?: string | RegExp) => {
      try {
        (actual as Fn)();
        return [false, "expected the function to throw"];
      } catch (error) {
        const message = (error as Error)?.message ?? String(error);
        const ok = expected === undefined || (typeof expected === "string" ? message.includes(expected) : expected.test(message));
        return [ok, `expected the error ${show(message)} to match ${String(expected)}`];
      }
    },
    toHaveBeenCalled: () => [calls().length > 0, "expected the mock to have been called"],
    toHaveBeenCalledTimes: (n: number) => [calls().length === n, `expected the mock to have been called ${n} times, not ${calls().length}`],
    toHaveBeenCalledWith: (...args: unknown[]) => [calls().some((c) => equal(c, args)), `expected the mock to have been called with ${show(args)}`],
  };
}

class AssertionError extends Error {
  override name = "AssertionError";
}

function assertions(actual: unknown, negate: boolean): Record<string, unknown> {
  const table = matchers(actual);
  return new Proxy({}, {
    get(_target, key) {
      if (key === "not") return assertions(actual, !negate);
      if (typeof key !== "string") return undefined;
      const matcher = table[key];
      if (!matcher) {
        return () => {
          throw new AssertionError(`expect(…).${key} is not supported by the sandbox's test runner`);
        };
      }
      return (...args: never[]) => {
        const [pass, message] = matcher(...args);
        if (pass === negate) throw new AssertionError(negate ? message.replace(/^expected (.*?) to /, "expected $1 not to ") : message);
      };
    },
  });
}

export const expect = (actual: unknown) => assertions(actual, false);

export const vi = {
  fn(implementation: (...args: unknown[]) => unknown = () => undefined): Mock {
    const mock = ((...args: unknown[]) => {
      mock.calls.push(args);
      return implementation(...args);
    }) as Mock;
    mock.calls = [];
    mock.isMock = true;
    return mock;
  },
};

// ---- the run ------------------------------------------------------------------------------------

const TEST_TIMEOUT_MS = 5_000;

function withTimeout(value: unknown): Promise<unknown> {
  return Promise.race([
    Promise.resolve(value),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`the test did not finish within ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS)),
  ]);
}

async function runSuite(suite: Suite, prefix: string[], hooks: { before: Fn[]; after: Fn[] }, results: TestResult[]): Promise<void> {
  const before = [...hooks.before, ...suite.before];
  const after = [...suite.after, ...hooks.after];
  const names = suite.name ? [...prefix, suite.name] : prefix;
  for (const fn of suite.beforeAll) await withTimeout(fn());
  for (const item of suite.tests) {
    if ("tests" in item) {
      await runSuite(item, names, { before, after }, results);
      continue;
    }
    const name = [...names, item.name].join(" > ");
    if (item.skip) {
      results.push({ name, file: item.file, status: "skipped", ms: 0 });
      continue;
    }
    const started = performance.now();
    try {
      for (const fn of before) await withTimeout(fn());
      await withTimeout(item.fn());
      results.push({ name, file: item.file, status: "passed", ms: performance.now() - started });
    } catch (error) {
      results.push({ name, file: item.file, status: "failed", message: `${(error as Error)?.name ?? "Error"}: ${(error as Error)?.message ?? String(error)}`, ms: performance.now() - started });
    } finally {
      for (const fn of after) {
        try {
          await withTimeout(fn());
        } catch {
          // A failing cleanup is the test's failure already reported, or harmless.
        }
      }
    }
  }
  for (const fn of suite.afterAll) await withTimeout(fn());
}

declare global {
  interface Window { __sandboxTests?: { done: boolean; results: TestResult[]; error?: string } }
}

/** Runs every registered test in order; called by the bundle after all test files are loaded. */
export async function __sandboxRun(): Promise<void> {
  const results: TestResult[] = [];
  window.__sandboxTests = { done: false, results };
  try {
    await runSuite(root, [], { before: [], after: [] }, results);
  } catch (error) {
    window.__sandboxTests.error = String(error);
  }
  window.__sandboxTests.done = true;
}
