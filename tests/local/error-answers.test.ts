/**
 * Every function route, sent bodies that break each of its constraints: the answer
 * is a 4xx whose `code` is one of shared/errors.ts's and whose `error` says what
 * is wrong, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_STATUS } from "../../shared/errors.ts";
import { callFunction, type Caller } from "./api.ts";
import { startTestStack, type TestStack } from "./stack.ts";

let stack: TestStack;
let user: Caller;
const ids = { project: "", job: "", thread: "" };

beforeAll(async () => {
  stack = await startTestStack();
  const signedUp = await stack.signUp();
  user = signedUp;
  ids.project = (await signedUp.client.from("projects").insert({ user_id: signedUp.userId, title: "Errors", mode: "builder" }).select().single().throwOnError()).data!.id;
  ids.thread = (await signedUp.client.from("chat_threads").insert({ project_id: ids.project, title: "t" }).select().single().throwOnError()).data!.id;
  const run = await callFunction(stack, user, "POST", "/run-agent", { project_id: ids.project, agent_type: "research", input_context: { user_idea: "A CRM for dog walkers" } });
  ids.job = (await run.json()).job_id;
});
afterAll(() => stack?.close());

/** A valid body per route (and breakages that route accepts); each field is then broken in turn. */
const routes: [string, () => string, () => Record<string, unknown>, string[]?][] = [
  ["/run-pipeline", () => "/run-pipeline", () => ({ project_id: ids.project, input_context: { user_idea: "A CRM for dog walkers" }, review_gates: { design: false } })],
  ["/run-agent", () => "/run-agent", () => ({ project_id: ids.project, agent_type: "research", input_context: { user_idea: "A CRM for dog walkers" } })],
  ["/run-ai", () => "/run-ai", () => ({ project_id: ids.project, agent_type: "docs", file_path: "README.md" })],
  ["/jobs/:id/respond", () => `/jobs/${ids.job}/respond`, () => ({ responses: [{ question_id: "q1", answer: "yes" }] })],
  ["/jobs/:id/review", () => `/jobs/${ids.job}/review`, () => ({ action: "request_changes", comment: "bigger buttons" })],
  ["/chat/threads/:id/messages", () => `/chat/threads/${ids.thread}/messages`, () => ({ content: "hello", mode: "ask", attachments: [] })],
  ["/chat/documents", () => "/chat/documents", () => ({ project_id: ids.project, storage_path: "x/y/z.txt", filename: "z.txt" })],
  ["/refactor", () => "/refactor", () => ({ project_id: ids.project, symbol: "WalkList", options: { rename_to: "WalkTable" } })],
  ["/history/:id/rollback", () => `/history/${ids.project}/rollback`, () => ({ version: 1 })],
  ["/projects/:id/export/github", () => `/projects/${ids.project}/export/github`, () => ({ repo_name: "dogs", github_token: "ghp_x" })],
  ["/projects/:id/import/github", () => `/projects/${ids.project}/import/github`, () => ({ repo: "octo/dogs", branch: "main" })],
  ["/preview", () => "/preview", () => ({ project_id: ids.project })],
  ["/preview/fix", () => "/preview/fix", () => ({ project_id: ids.project, error: { kind: "uncaught", message: "x is undefined", stack: "at App" } })],
  ["/jobs/:id/fix-again", () => `/jobs/${ids.job}/fix-again`, () => ({ attempts: 2 })],
  ["/studio/orders", () => "/studio/orders", () => ({ project_id: ids.project, provider: "openai", model: "gpt-image-1", parameters: { prompt: "a dog" } })],
  ["/settings/keys", () => "/settings/keys", () => ({ provider: "openai", api_key: "sk-test-12345678" })],
  ["/settings", () => "/settings", () => ({ default_provider: "offline", default_model: "codeforge-offline-1", monthly_cap_usd: 5 }),
    ["default_provider missing", "default_model missing", "monthly_cap_usd missing", "monthly_cap_usd null"]],
  ["/settings/projects/:id", () => `/settings/projects/${ids.project}`, () => ({ provider: "offline", model: "codeforge-offline-1" }), ["provider null"]],
];

/** The ways a field can be wrong: missing, the wrong type, absurdly long, NUL inside, null. */
function breakages(body: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [["an extra unknown key", { ...body, surprise: 1 }], ["an array instead of an object", [body]], ["a string instead of an object", "body"]];
  for (const [key, value] of Object.entries(body)) {
    const { [key]: _dropped, ...without } = body;
    out.push([`${key} missing`, without]);
    out.push([`${key} null`, { ...body, [key]: null }]);
    out.push([`${key} of the wrong type`, { ...body, [key]: typeof value === "number" ? "one" : typeof value === "object" ? 42 : { nested: true } }]);
    if (typeof value === "string") {
      out.push([`${key} 200,000 characters long`, { ...body, [key]: "x".repeat(200_000) }]);
      out.push([`${key} with a NUL`, { ...body, [key]: `${value}\u0000` }]);
    }
    if (typeof value === "number") out.push([`${key} negative`, { ...body, [key]: -1 }]);
  }
  return out;
}

/** Fields the routes may go without. */
const OPTIONAL = new Set(["review_gates missing", "mode missing", "attachments missing", "branch missing", "file_path missing"]);

const expectClientError = async (response: Response, what: string) => {
  const body = await response.json().catch(() => null);
  expect(response.status, `${what}: ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
  expect(response.status, `${what}: ${JSON.stringify(body)}`).toBeLessThan(500);
  expect(Object.keys(ERROR_STATUS), what).toContain(body?.code);
  expect(typeof body?.error, what).toBe("string");
};

describe.each(routes)("POST %s", (_name, path, valid, accepted = []) => {
  it("answers every broken body with a 4xx naming the problem", async () => {
    for (const [what, body] of breakages(valid())) {
      if (OPTIONAL.has(what) || accepted.includes(what)) continue;
      const response = await callFunction(stack, user, "POST", path(), body);
      if (response.status === 202 || response.status === 200) throw new Error(`${what} was accepted`);
      await expectClientError(response, what);
    }
  });

  it("answers a body that is not JSON, or empty, with invalid_json", async () => {
    for (const raw of ["{not json", ""]) {
      const response = await callFunction(stack, user, "POST", path(), raw, { "content-type": "application/json" });
      await expectClientError(response, JSON.stringify(raw));
    }
  });
});

describe("path parameters that are not ids", () => {
  it.each(["/jobs/not-a-uuid", "/jobs/not-a-uuid/stream", "/jobs/not-a-uuid/list", "/history/not-a-uuid/diff", "/chat/artifacts/not-a-uuid", "/projects/not-a-uuid/export/zip"])(
    "GET %s answers 400 or 404, never 500",
    async (path) => expectClientError(await callFunction(stack, user, "GET", path), path),
  );
});
