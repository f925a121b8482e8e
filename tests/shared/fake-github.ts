/** @module A local fake of the few GitHub REST endpoints the export and the import use, keeping repositories in memory. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";

interface Repo {
  name: string;
  /** Private repositories need the token; public ones can be read without any. */
  private: boolean;
  default_branch: string;
  refs: Map<string, string>;
  commits: Map<string, { tree: string; parents: string[]; message: string }>;
  trees: Map<string, { path: string; content: string }[]>;
}

export interface FakeGitHub {
  url: string;
  repos: Map<string, Repo>;
  /** Authorization headers received, to check the token was sent (and only where expected). */
  tokens: string[];
  /** Adds a repository holding `files` on `main` (one commit). */
  seed(name: string, files: { path: string; content: string }[], options?: { private?: boolean }): Repo;
  close(): Promise<void>;
}

const sha = (value: unknown) => createHash("sha1").update(JSON.stringify(value)).digest("hex");

export async function startFakeGitHub(validToken: string, login = "walker"): Promise<FakeGitHub> {
  const repos = new Map<string, Repo>();
  const tokens: string[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
    const send = (status: number, data: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(data));
    };
    tokens.push(request.headers.authorization ?? "");
    // Octokit encodes path parameters (heads/main → heads%2Fmain); GitHub decodes them.
    const path = decodeURIComponent(new URL(request.url!, "http://x").pathname);
    const anonymousRead = !request.headers.authorization && request.method === "GET" && /^\/repos\/[^/]+\/([^/]+)/.test(path);
    if (anonymousRead) {
      const target = repos.get(/^\/repos\/[^/]+\/([^/]+)/.exec(path)![1]!);
      if (!target || target.private) return send(404, { message: "Not Found" });
    } else if (request.headers.authorization !== `token ${validToken}`) return send(401, { message: "Bad credentials" });
    const repoView = (repo: Repo) => ({ name: repo.name, default_branch: repo.default_branch, html_url: `https://github.com/${login}/${repo.name}` });
    let m: RegExpExecArray | null;
    if (request.method === "GET" && path === "/user") return send(200, { login });
    if (request.method === "POST" && path === "/user/repos") {
      if (!/^[A-Za-z0-9._-]+$/.test(body.name)) return send(422, { message: "name is invalid" });
      const root = sha({ init: body.name });
      const repo: Repo = { name: body.name, private: body.private !== false, default_branch: "main", refs: new Map([["heads/main", root]]), commits: new Map([[root, { tree: "", parents: [], message: "Initial commit" }]]), trees: new Map() };
      repos.set(body.name, repo);
      return send(201, repoView(repo));
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)$/.exec(path)) && request.method === "GET") {
      const repo = repos.get(m[2]!);
      return repo ? send(200, repoView(repo)) : send(404, { message: "Not Found" });
    }
    const repo = (m = /^\/repos\/[^/]+\/([^/]+)\/git\//.exec(path)) ? repos.get(m[1]!) : undefined;
    if (!repo) return send(404, { message: "Not Found" });
    if (request.method === "GET" && (m = /\/git\/ref\/(.+)$/.exec(path))) {
      const target = repo.refs.get(m[1]!);
      return target ? send(200, { ref: `refs/${m[1]}`, object: { sha: target } }) : send(404, { message: "Not Found" });
    }
    if (request.method === "GET" && (m = /\/git\/commits\/([0-9a-f]+)$/.exec(path))) {
      const commit = repo.commits.get(m[1]!);
      return commit ? send(200, { sha: m[1], tree: { sha: commit.tree }, message: commit.message }) : send(404, { message: "Not Found" });
    }
    if (request.method === "GET" && (m = /\/git\/trees\/([0-9a-f]*)$/.exec(path))) {
      const tree = repo.trees.get(m[1]!) ?? [];
      return send(200, { sha: m[1], truncated: false, tree: tree.map((entry) => ({ path: entry.path, mode: "100644", type: "blob", sha: sha({ blob: entry.content }), size: Buffer.byteLength(entry.content) })) });
    }
    if (request.method === "GET" && (m = /\/git\/blobs\/([0-9a-f]+)$/.exec(path))) {
      const content = [...repo.trees.values()].flat().find((entry) => sha({ blob: entry.content }) === m![1])?.content;
      return content === undefined ? send(404, { message: "Not Found" }) : send(200, { sha: m[1], encoding: "base64", content: Buffer.from(content).toString("base64") });
    }
    if (request.method === "POST" && path.endsWith("/git/trees")) {
      const tree = body.tree.map((entry: { path: string; content: string }) => ({ path: entry.path, content: entry.content }));
      const id = sha(tree);
      repo.trees.set(id, tree);
      return send(201, { sha: id });
    }
    if (request.method === "POST" && path.endsWith("/git/commits")) {
      const id = sha(body);
      repo.commits.set(id, { tree: body.tree, parents: body.parents, message: body.message });
      return send(201, { sha: id });
    }
    if (request.method === "PATCH" && (m = /\/git\/refs\/(.+)$/.exec(path))) {
      repo.refs.set(m[1]!, body.sha);
      return send(200, { object: { sha: body.sha } });
    }
    send(404, { message: "Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const seed = (name: string, files: { path: string; content: string }[], options: { private?: boolean } = {}) => {
    const tree = sha(files);
    const head = sha({ tree, name });
    const repo: Repo = { name, private: options.private ?? false, default_branch: "main", refs: new Map([["heads/main", head]]), commits: new Map([[head, { tree, parents: [], message: "Seed" }]]), trees: new Map([[tree, files]]) };
    repos.set(name, repo);
    return repo;
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    repos,
    tokens,
    seed,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The files at the head of a fake repository's default branch. */
export function headFiles(repo: Repo): { path: string; content: string }[] {
  const commit = repo.commits.get(repo.refs.get(`heads/${repo.default_branch}`)!)!;
  return repo.trees.get(commit.tree) ?? [];
}
