import { afterAll, describe, expect, it } from "vitest";
import { Sandbox, type AppFile } from "../../sandbox/index.ts";

/** A two-page app; `body` runs inside the home page's component, `test` is one test's body. */
function app({ body = "", top = "", test = 'expect(1 + 1).toBe(2);' }: { body?: string; top?: string; test?: string }): AppFile[] {
  return [
    { path: "package.json", content: JSON.stringify({ name: "t", type: "module", dependencies: { react: "^19.2.0", "react-dom": "^19.2.0", "react-router-dom": "^7.9.0" }, devDependencies: { vitest: "^4.1.0" } }) },
    { path: "index.html", content: '<!doctype html><html><head><title>t</title></head><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>' },
    { path: "src/main.tsx", content: 'import { createRoot } from "react-dom/client";\nimport { BrowserRouter } from "react-router-dom";\nimport { App } from "./App";\n\ncreateRoot(document.getElementById("root")!).render(<BrowserRouter><App /></BrowserRouter>);\n' },
    {
      path: "src/App.tsx",
      content: `import { Link, Route, Routes } from "react-router-dom";
${top}
function Home() {
  ${body}
  return <main><h1>Home</h1><Link to="/other">Other</Link></main>;
}

export function App() {
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/other" element={<main><h1>Other</h1><Link to="/">Home</Link></main>} />
    </Routes>
  );
}
`,
    },
    { path: "src/App.test.tsx", content: `import { describe, expect, it } from "vitest";\n\ndescribe("app", () => {\n  it("works", async () => {\n    ${test}\n  });\n});\n` },
  ];
}

const SECRET = "sandbox-isolation-secret-value";
process.env.CODEFORGE_SANDBOX_TEST_SECRET = SECRET;
const sandbox = new Sandbox({ timeoutMs: 15_000, heapMb: 128, screenshots: false });
afterAll(() => sandbox.close());

/** A clean app passes: the runner is healthy (run after each hostile app). */
async function expectHealthy() {
  const report = await sandbox.run(app({}));
  expect(report.reason).toBeUndefined();
  expect(report.status).toBe("passed");
  expect(report.tests.map((t) => [t.name, t.status])).toEqual([["app > works", "passed"]]);
}

describe("the sandbox", () => {
  it("passes a clean app: builds, runs its test, renders both routes, no dead links", async () => {
    const report = await sandbox.run(app({}));
    expect(report.status).toBe("passed");
    expect(report.routes.map((r) => [r.route, r.rendered])).toEqual([["/", true], ["/other", true]]);
    expect(report.tests[0]).toMatchObject({ name: "app > works", file: "src/App.test.tsx", line: 4, status: "passed" });
  });

  it("gives app code no environment: process.env and Deno.env do not exist, and the runner's secrets never show", async () => {
    const report = await sandbox.run(app({ body: "const leaked = String((globalThis as any).process?.env?.CODEFORGE_SANDBOX_TEST_SECRET ?? (process as any).env.CODEFORGE_SANDBOX_TEST_SECRET);\n  console.log(leaked);", test: "expect((globalThis as any).Deno.env.get('CODEFORGE_SANDBOX_TEST_SECRET')).toBe('x');" }));
    expect(report.status).toBe("failed");
    expect(report.routes[0]!.exceptions.join()).toMatch(/process is not defined/);
    expect(report.tests[0]!.message).toMatch(/Cannot read properties of undefined \(reading 'env'\)/);
    expect(JSON.stringify(report)).not.toContain(SECRET);
    await expectHealthy();
  });

  it("gives app code no file system: node:fs does not bundle, file:// cannot be fetched", async () => {
    const fsApp = await sandbox.run(app({ top: 'import { readFileSync } from "node:fs";\nconsole.log(readFileSync);' }));
    expect(fsApp.status).toBe("failed");
    expect(fsApp.reason).toMatch(/node:fs/);
    const fetched = await sandbox.run(app({ body: 'void fetch("file:///etc/passwd").then((r) => r.text()).then((t) => console.log(t));', test: 'await fetch("file:///etc/passwd");' }));
    expect(fetched.status).toBe("failed");
    expect(fetched.routes[0]!.exceptions.join()).toMatch(/Failed to fetch|not allowed|not supported/i);
    expect(fetched.tests[0]!.status).toBe("failed");
    expect(JSON.stringify(fetched)).not.toContain("root:x:0");
    await expectHealthy();
  });

  it("refuses the local stack's API and any other URL, from the app and from its tests", async () => {
    const report = await sandbox.run(app({
      body: 'void fetch("http://127.0.0.1:54321/rest/v1/projects?select=*").catch(() => undefined);\n  void fetch("https://example.com/collect").catch(() => undefined);',
      test: 'await fetch("http://127.0.0.1:54321/rest/v1/profiles");',
    }));
    expect(report.status).toBe("failed");
    expect(report.routes[0]!.blocked).toEqual(expect.arrayContaining(["GET http://127.0.0.1:54321/rest/v1/projects?select=*", "GET https://example.com/collect"]));
    expect(report.reason).toMatch(/blocked|Failed to fetch/);
    expect(report.tests[0]!.status).toBe("failed");
    expect(report.testErrors.join()).toContain("http://127.0.0.1:54321/rest/v1/profiles");
    await expectHealthy();
  });

  it("stops an app that loops forever on render at the time limit", async () => {
    const report = await sandbox.run(app({ body: "for (;;) { /* forever */ }" }), { timeoutMs: 6_000 });
    expect(report.status).toBe("limit");
    expect(report.reason).toMatch(/did not finish within .* s \(an endless loop\?\)/);
    await expectHealthy();
  });

  it("stops a test that loops forever at the time limit", async () => {
    const report = await sandbox.run(app({ test: "while (Date.now() > 0) { /* forever */ }" }), { timeoutMs: 6_000 });
    expect(report.status).toBe("limit");
    expect(report.reason).toMatch(/tests did not finish/);
    await expectHealthy();
  });

  it("stops an app that allocates without bound at the memory limit", async () => {
    const report = await sandbox.run(app({ body: "const hoard: number[][] = [];\n  for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));" }));
    expect(report.status).toBe("limit");
    expect(report.reason).toMatch(/page crashed: out of memory \(the sandbox allows 128 MB/);
    await expectHealthy();
  });
});
