import { afterEach, describe, expect, it } from "vitest";
import { openAiCompletion, openAiStream, startFakeServer, type FakeServer, type RecordedRequest, type Reply } from "../../tests/shared/fake-llm-server.ts";
import { createOpenAiProvider } from "../llm/index.ts";
import type { RequirementsDoc, WireframeSpec } from "../protocol/index.ts";
import { pageComponentName, planFiles } from "./file-plan.ts";
import { createLlmAgentModel } from "./llm-model.ts";
import { classifyProjectType } from "./project-type.ts";
import { runCodeAgent } from "./code.ts";
import { runQaAgent } from "./qa.ts";
import { runResearchAgent } from "./research.ts";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A real OpenAI provider against a scripted server that answers by the schema asked for. */
async function llm(answer: (schema: string, request: RecordedRequest) => Reply) {
  server = await startFakeServer((request) => answer(request.body.response_format?.json_schema?.name ?? "", request));
  return createLlmAgentModel(createOpenAiProvider({ apiKey: "test", baseUrl: server.url }));
}

const requirements: RequirementsDoc = {
  app_name: "WalkCRM",
  elevator_pitch: "A CRM that keeps dog walkers' clients, walks and invoices in one place.",
  target_audience: [{ role: "Dog walker", goal: "Plan the day", pain_point: "Double bookings" }],
  core_features: [{ name: "Walk scheduling", description: "Book walks", priority: "must-have" }],
  recommended_stack: ["React", "Supabase"],
  technical_constraints: null,
};
const wireframe: WireframeSpec = {
  site_map: [
    { path: "/", description: "Dashboard", components: [{ name: "StatCard", props: ["label", "value"], children: [] }] },
    { path: "/clients/:id", description: "One client", components: [{ name: "ClientCard", props: ["client"], children: [] }] },
  ],
  global_state_needs: ["clients"],
  theme_colors: ["#2563eb"],
};
const userText = (request: RecordedRequest) => request.body.messages.map((m: { content: string }) => m.content).join("\n");

describe("research agent over an LLM", () => {
  it("returns the model's questions when it finds the idea vague", async () => {
    const model = await llm(() => ({ json: openAiCompletion(JSON.stringify({ needs_clarification: true, reason: "Who uses it?", questions: [{ id: "audience", question: "Who uses it?", options: ["Me", "My team"] }] })) }));
    const outcome = await runResearchAgent({ user_idea: "todo" }, {}, model);
    expect(outcome).toMatchObject({ kind: "questions", reason: "Who uses it?", source: "llm", questions: [{ id: "audience", options: ["Me", "My team"] }] });
    expect(server!.requests).toHaveLength(1);
  });

  it("streams the requirements' tokens and sums usage and cost of both calls", async () => {
    const json = JSON.stringify(requirements);
    const model = await llm((schema) =>
      schema === "clarify"
        ? { json: openAiCompletion(JSON.stringify({ needs_clarification: false, reason: "clear", questions: [] }), { usage: [100, 20] }) }
        : { sse: openAiStream([json.slice(0, 40), json.slice(40)], { usage: [1000, 400] }) },
    );
    const tokens: string[] = [];
    const outcome = await runResearchAgent({ user_idea: "A CRM for dog walkers" }, { onToken: (delta) => tokens.push(delta) }, model);
    expect(outcome.kind).toBe("requirements");
    if (outcome.kind !== "requirements") return;
    expect(outcome.output).toEqual(requirements);
    expect(tokens.join("")).toBe(json);
    expect(outcome.usage.inputTokens).toBe(1100);
    expect(outcome.usage.outputTokens).toBe(420);
    // gpt-4.1-mini: $0.40 / $1.60 per million tokens.
    expect(outcome.usage.costUsd).toBeCloseTo((1100 * 0.4 + 420 * 1.6) / 1e6, 10);
  });

  it("with answers, asks nothing and puts the questions and answers in the prompt", async () => {
    const model = await llm(() => ({ json: openAiCompletion(JSON.stringify(requirements)) }));
    await runResearchAgent({ user_idea: "todo", answers: [{ question_id: "audience", question: "Who uses it?", answer: "Volunteer coordinators" }] }, {}, model);
    expect(server!.requests).toHaveLength(1);
    expect(server!.requests[0]!.body.response_format.json_schema.name).toBe("research");
    expect(userText(server!.requests[0]!)).toContain("- Who uses it?: Volunteer coordinators");
  });
});

describe("code agent over an LLM", () => {
  it("asks once per planned file and keeps the planned paths", async () => {
    const model = await llm(() => ({ json: openAiCompletion(JSON.stringify({ file_path: "somewhere/else.tsx", code: "export {};\n", language: "typescript", explanation: "x" })) }));
    const files: string[] = [];
    const { output, plan } = await runCodeAgent({ requirements, wireframe }, {}, model, { onFile: (file) => void files.push(file.file_path) });
    expect(plan.map((f) => f.path)).toEqual(planFiles(wireframe).map((f) => f.path));
    expect(output.map((f) => f.file_path)).toEqual(plan.map((f) => f.path));
    expect(files).toEqual(plan.map((f) => f.path));
    expect(server!.requests).toHaveLength(plan.length);
    expect(userText(server!.requests[6]!)).toContain("Write src/App.tsx");
  });
});

describe("QA agent", () => {
  const files = [
    { path: "package.json", content: JSON.stringify({ dependencies: { react: "19", "react-dom": "19" }, scripts: { build: "vite build" } }), language: "json" },
    { path: "index.html", content: '<div id="root"></div>\n<script type="module" src="/src/main.tsx"></script>\n', language: "html" },
    { path: "src/main.tsx", content: 'import { createRoot } from "react-dom/client";\nimport { App } from "./App";\n\ncreateRoot(document.getElementById("root")!).render(<App />);\n', language: "typescript" },
    { path: "src/App.tsx", content: "export function App() {\n  return <p>Hello</p>;\n}\n", language: "typescript" },
  ];

  it("fails when the checks find a critical issue, even if the model's review passed", async () => {
    const model = await llm(() => ({ json: openAiCompletion(JSON.stringify({ passed: true, issues: [], summary: "Looks good." })) }));
    const broken = files.map((f) => (f.path === "src/App.tsx" ? { ...f, content: "export function App() {\n  return <p>Hello</p>\n  const = 1;\n}\n" } : f));
    const { output } = await runQaAgent({ files: broken }, {}, model);
    expect(output.passed).toBe(false);
    expect(output.issues[0]).toMatchObject({ severity: "critical", description: expect.stringMatching(/^src\/App\.tsx:3:\d+ \[parse\]/) });
    expect(output.summary).toContain("Looks good.");
    // The model saw the findings, so it need not repeat them.
    expect(userText(server!.requests[0]!)).toContain("critical src/App.tsx:3");
  }, 60_000);

  it("fails on the model's critical issue when the checks are clean", async () => {
    const model = await llm(() => ({ json: openAiCompletion(JSON.stringify({ passed: false, issues: [{ severity: "critical", description: "src/App.tsx: no scheduling page", suggestion: "Add /schedule" }], summary: "Missing a must-have." })) }));
    const { output, report } = await runQaAgent({ files, requirements }, {}, model);
    expect(report.findings.filter((f) => f.severity === "critical")).toEqual([]);
    expect(output.passed).toBe(false);
    expect(output.issues).toContainEqual({ severity: "critical", description: "src/App.tsx: no scheduling page", suggestion: "Add /schedule" });
  }, 60_000);
});

describe("project type and file plan", () => {
  it.each([
    ["A CRM for dog walkers", "crm"],
    ["online store for handmade candles", "ecommerce"],
    ["habit tracker with streaks", "health"],
    ["a course platform for piano teachers", "education"],
    ["something", "saas"],
  ])("classifies %j as %s", (idea, type) => {
    expect(classifyProjectType(idea)).toBe(type);
  });

  it("names page components after their routes", () => {
    expect(["/", "/clients", "/clients/:id", "/admin/products", "/forms/:id/edit", "/categories/:slug", "/über-uns"].map(pageComponentName)).toEqual([
      "HomePage", "ClientsPage", "ClientDetailPage", "AdminProductsPage", "FormsEditPage", "CategoryDetailPage", "UberUnsPage",
    ]);
  });
});
