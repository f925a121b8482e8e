import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestStack, type TestStack } from "./stack.ts";

let stack: TestStack;
let headers: Record<string, string>;
let projectId: string;

beforeAll(async () => {
  stack = await startTestStack();
  const { client, userId, accessToken } = await stack.signUp();
  headers = { apikey: stack.keys.anonKey, authorization: `Bearer ${accessToken}`, "content-type": "application/json" };
  const { data } = await client.from("projects").insert({ user_id: userId, title: "Kept", mode: "builder" }).select().single().throwOnError();
  projectId = data!.id;
  // Raw xml/bytea bodies to one unnamed parameter, and overloads told apart by their comments (PGRST203).
  await stack.db.exclusive(() => stack.db.pg.exec(`
    create function public.fuzz_xml(xml) returns xml language sql as 'select $1';
    create function public.fuzz_bytea(bytea) returns bytea language sql as 'select $1';
    create function public.fuzz_pick(arg int) returns int language sql as 'select 1';
    create function public.fuzz_pick(arg text) returns int language sql as 'select 2';
    comment on function public.fuzz_pick(int) is 'first';`));
});
afterAll(() => stack?.close());

/** A small deterministic generator, so a failing case reproduces. */
function generator(seed: number) {
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

const junk = ["", "'", '"', "(", ")", ",", "*", "!", "..", "%00", "\u0000", "😀", "a".repeat(5000), "1e999", "-1", "null", "{}", "[]", "eq.", "not.", "or=(", "\\", "%", "select"];
const columns = ["id", "title", "status", "mode", "user_id", "tech_stack", "nope", "requirements_spec->x", "created_at"];
const operators = ["eq", "neq", "gt", "lt", "in", "is", "like", "ilike", "cs", "cd", "ov", "fts", "match", "bogus"];
const tables = ["projects", "project_files", "agent_jobs", "profiles", "nope", "rpc/match_patterns", "rpc/nope"];

/** A request that must fail: junk in the select, filters and order, or an invalid body. */
function badRequest(g: ReturnType<typeof generator>): { method: string; path: string; body?: string } {
  const table = g.pick(tables);
  const filter = `${g.pick(columns)}=${g.pick(operators)}.${encodeURIComponent(g.pick(junk))}`;
  const select = `select=${encodeURIComponent(g.pick([g.pick(junk), `${g.pick(columns)}(${g.pick(junk)})`, "*,projects(*", "title::int", "a:b:c"]))}`;
  const order = `order=${encodeURIComponent(`${g.pick(columns)}.${g.pick(["asc", "desc", "sideways", ""])}`)}`;
  const query = [filter, select, order].slice(0, 1 + Math.floor(g.next() * 3)).join("&");
  const method = g.pick(["GET", "POST", "PATCH", "DELETE"]);
  if (method === "GET") return { method, path: `/rest/v1/${table}?${query}` };
  // Writes carry a filter no row can pass (an unknown column), so none of them may succeed.
  if (method === "DELETE") return { method, path: `/rest/v1/${table}?nope=eq.1&${query}` };
  const body = g.pick([
    "not json",
    "{",
    JSON.stringify({ title: "x", mode: ["builder"], status: { x: 1 } }),
    JSON.stringify({ user_id: "not-a-uuid", title: "x", mode: "builder" }),
    JSON.stringify({ [`col_${g.pick(junk)}`]: g.pick(junk) }),
    JSON.stringify([{ title: null }, 5]),
    JSON.stringify({ query_embedding: [1, 2, 3], match_count: "many" }),
    JSON.stringify({ status: "done", mode: "teacher" }),
  ]);
  return { method, path: `/rest/v1/${table}?${method === "PATCH" ? "nope=eq.1&" : ""}${query}`, body };
}

it("answers 300 generated bad requests without a 5xx and without changing data", async () => {
  const g = generator(7);
  const failures: string[] = [];
  for (let i = 0; i < 300; i++) {
    const request = badRequest(g);
    const response = await fetch(stack.apiUrl + request.path, { method: request.method, headers, body: request.body });
    const text = await response.text();
    if (response.status >= 500) failures.push(`${response.status} ${request.method} ${request.path} ${request.body ?? ""} → ${text.slice(0, 200)}`);
  }
  expect(failures).toEqual([]);
  const { data } = await stack.service().from("projects").select("id, title, status");
  expect(data).toEqual([{ id: projectId, title: "Kept", status: "planning" }]);
});

/** Requests from each class of issue 15's PostgREST gaps, with junk mixed in. */
function gapRequest(g: ReturnType<typeof generator>): { method: string; path: string; body?: string; headers: Record<string, string> } {
  const embeds = ["messages(*)", "users(*)", "objects(*)", "sessions(*)", "projects(*)", "projects!inner(*)", "projects!nope(*)",
    "a:projects(*),a:projects(*)", "projects(*),projects(*)", "agent_jobs(projects(agent_jobs(*)))", "project_files!project_id(*)", "profiles(users(*))",
    "title.sum()", "count()", "id.count(),title", "projects(count)", "*", "id,title,requirements_spec",
    "t:title,id::text,requirements_spec->x,requirements_spec->>y,tech_stack->0", "title::nope", "a:title,a:id", "p:projects(*),id->0",
    "x:requirements_spec->a->>b::int", "title,title->>x,...projects(title)"];
  const profiles = ["public", "auth", "realtime", "storage", "other", "graphql_public", "pg_catalog", "", "public,auth"];
  const prefers = ["tx=rollback", "tx=commit", "tx=bogus", "count=estimated", "count=planned", "missing=default", "max-affected=0",
    "handling=strict, max-affected=1", "handling=strict, tx=rollback, bogus", "params=single-object", "return=representation, tx=rollback"];
  const accepts = ["application/json", "text/csv", "application/vnd.pgrst.plan", "application/vnd.pgrst.plan+json", "application/vnd.pgrst.object+json", "*/*"];
  const rpcBodies = ["<a>b</a>", "<", "\u0000\u00ff\u00c3(", '{"":"x"}', '{"": {"a": 1}}', '{"p": {"id": 1, "title": {"x": []}}}', '[{"a":1},{"a":2}]', '"just a string"', "null", "[]"];
  const headers: Record<string, string> = { ...baseHeaders, prefer: g.pick(prefers), accept: g.pick(accepts) };
  const profile = g.pick(profiles);
  const method = g.pick(["GET", "HEAD", "POST", "PATCH", "DELETE"]);
  headers[method === "GET" || method === "HEAD" ? "accept-profile" : "content-profile"] = profile;
  if (g.next() < 0.3) {
    const fn = g.pick(["match_patterns", "review_agent_jo", "nope", "chat_stage_label", "fuzz_xml", "fuzz_bytea", "fuzz_pick"]);
    const rpcMethod = g.pick(["GET", "HEAD", "POST"]);
    if (g.next() < 0.3) headers["content-type"] = g.pick(["text/plain", "text/xml", "application/octet-stream"]);
    const path = `/rest/v1/rpc/${fn}?select=${encodeURIComponent(g.pick(embeds))}${g.next() < 0.5 ? "&arg=1" : ""}`;
    return { method: rpcMethod, path, body: rpcMethod === "POST" ? g.pick(rpcBodies) : undefined, headers };
  }
  const table = g.pick(["projects", "project_files", "profiles", "users", "messages", "objects", "%E0%A4%A", "proj%22ects"]);
  const query = [`select=${encodeURIComponent(g.pick(embeds))}`, g.pick(["columns=title,nope", "columns=", "columns=%22", "columns=status,title", "id=eq.1", "nope=eq.1"])].join("&");
  if (method === "GET" || method === "HEAD") return { method, path: `/rest/v1/${table}?${query}`, headers };
  const body = g.pick(['{"requirements_spec": "a json string"}', '{"title": "x", "mode": "builder", "user_id": "00000000-0000-0000-0000-000000000000"}', "[{}, {}]", "{"]);
  // Writes filter on a column no row has or an id no row has, or carry an impossible row: none may change data.
  const guard = g.pick(["nope=eq.1", "id=eq.00000000-0000-0000-0000-000000000000"]);
  return { method, path: `/rest/v1/${table}?${guard}&${query}`, body: method === "DELETE" ? undefined : body, headers };
}

let baseHeaders: Record<string, string>;

it("answers 200 requests from the PostgREST gap classes without a 5xx and without changing data", async () => {
  baseHeaders = headers;
  const g = generator(15);
  const failures: string[] = [];
  for (let i = 0; i < 200; i++) {
    const request = gapRequest(g);
    const response = await fetch(stack.apiUrl + request.path, { method: request.method, headers: request.headers, body: request.body });
    const text = await response.text();
    if (response.status >= 500) {
      failures.push(`${response.status} ${request.method} ${request.path} ${JSON.stringify(request.headers)} ${request.body ?? ""} → ${text.slice(0, 200)}`);
    }
  }
  expect(failures).toEqual([]);
  const { data } = await stack.service().from("projects").select("id, title, status");
  expect(data).toEqual([{ id: projectId, title: "Kept", status: "planning" }]);
});

/** The second round's gaps with valid headers, so the requests reach them: CSV of typed selects, raw xml/bytea bodies, PATCH with missing=default, overloads told apart by comments, explain(). */
function secondRoundRequest(g: ReturnType<typeof generator>): { method: string; path: string; body?: BodyInit; headers: Record<string, string> } {
  const headers: Record<string, string> = { ...baseHeaders };
  const kind = g.pick(["csv", "raw", "patch", "overload", "plan"]);
  if (kind === "csv") {
    headers.accept = g.pick(["text/csv", "text/csv, application/json"]);
    const select = g.pick(["t:title,id::text,requirements_spec->x,requirements_spec->>y", "title::nope", "a:title,a:id", "p:projects(*),id->0",
      "x:requirements_spec->a->>b::int", "title,title->>x", "...projects(title)", "*,project_files(*)", `title::${g.pick(junk)}`, `${g.pick(junk)}:title`, `title->${g.pick(junk)}`]);
    if (g.next() < 0.3) {
      // A write's representation as CSV, on a row no one has.
      headers.prefer = "return=representation";
      const path = `/rest/v1/projects?id=eq.00000000-0000-0000-0000-000000000000&select=${encodeURIComponent(select)}`;
      return { method: "PATCH", path, body: g.pick(['{"title":"x"}', "{}", "{"]), headers };
    }
    return { method: "GET", path: `/rest/v1/${g.pick(["projects", "project_files", "profiles", "nope", "rpc/fuzz_pick"])}?select=${encodeURIComponent(select)}`, headers };
  }
  if (kind === "plan") {
    const options = g.pick(["", "; options=analyze|verbose", "; options=settings|buffers|wal", `; options=${g.pick(junk.filter((item) => /^[\x20-\x7e]*$/.test(item)))}`]);
    headers.accept = `application/vnd.pgrst.plan${g.pick(["", "+json", "+text", "+xml"])}${g.pick(["", '; for="application/json"', '; for="text/csv"'])}${options}`;
    const select = g.pick(["*", "id,title", "title::nope", "projects(*)", g.pick(junk)]);
    const relation = g.pick(["projects", "nope", "rpc/fuzz_pick?arg=1"]);
    return { method: "GET", path: `/rest/v1/${relation}${relation.includes("?") ? "&" : "?"}select=${encodeURIComponent(select)}`, headers };
  }
  if (kind === "raw") {
    headers["content-type"] = g.pick(["text/xml", "application/octet-stream", "text/plain", "application/json", "text/xml; charset=latin1"]);
    headers.accept = g.pick(["*/*", "text/xml", "application/octet-stream", "application/json", "text/csv"]);
    const body = g.pick<BodyInit>(["<a>b</a>", "<", "", new Uint8Array([0, 255, 0xc3, 0x28]), '{"":"x"}', g.pick(junk)]);
    return { method: "POST", path: `/rest/v1/rpc/${g.pick(["fuzz_xml", "fuzz_bytea", "fuzz_pick", "match_patterns", "nope"])}`, body, headers };
  }
  if (kind === "patch") {
    headers.prefer = g.pick(["missing=default, return=representation", "missing=default", "return=representation", "missing=bogus"]);
    const columns = g.pick(["status,title", "title", "status,nope", "", "%22", "status,status"]);
    const body = g.pick(["{}", '{"title":"x"}', "[{},{}]", '{"status":5}', "{", '[{"title":"y"}]']);
    return { method: "PATCH", path: `/rest/v1/projects?id=eq.00000000-0000-0000-0000-000000000000&columns=${columns}`, body, headers };
  }
  const arg = encodeURIComponent(g.pick(["1", "x", ...junk]));
  return g.next() < 0.5
    ? { method: "GET", path: `/rest/v1/rpc/fuzz_pick?arg=${arg}`, headers }
    : { method: "POST", path: "/rest/v1/rpc/fuzz_pick", body: JSON.stringify({ arg: g.pick(junk) }), headers };
}

it("answers 100 requests from the second round's gaps without a 5xx and without changing data", async () => {
  baseHeaders = headers;
  const g = generator(16);
  const failures: string[] = [];
  await stack.db.exclusive(() => stack.db.pg.exec(`alter role authenticator set pgrst.db_plan_enabled = 'true'; notify pgrst, 'reload config'`));
  try {
    for (let i = 0; i < 100; i++) {
      const request = secondRoundRequest(g);
      const response = await fetch(stack.apiUrl + request.path, { method: request.method, headers: request.headers, body: request.body });
      const text = await response.text();
      if (response.status >= 500) failures.push(`${response.status} ${request.method} ${request.path} ${JSON.stringify(request.headers)} → ${text.slice(0, 200)}`);
    }
  } finally {
    await stack.db.exclusive(() => stack.db.pg.exec(`alter role authenticator reset pgrst.db_plan_enabled; notify pgrst, 'reload config'`));
  }
  expect(failures).toEqual([]);
  const { data } = await stack.service().from("projects").select("id, title, status");
  expect(data).toEqual([{ id: projectId, title: "Kept", status: "planning" }]);
});
