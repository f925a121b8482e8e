import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unzipSync, strFromU8 } from "fflate";
import { headFiles, startFakeGitHub, type FakeGitHub } from "../../tests/shared/fake-github.ts";
import { exportToGitHub } from "./github.ts";
import { zipFiles } from "./zip.ts";

const TOKEN = "ghp_test_token";
let github: FakeGitHub;
beforeAll(async () => {
  github = await startFakeGitHub(TOKEN);
});
afterAll(() => github.close());

const files = [
  { path: "package.json", content: '{"name":"dog-crm"}' },
  { path: "src/App.tsx", content: "export default function App() { return null; }" },
];

describe("exportToGitHub", () => {
  it("creates the repository and pushes every file as one commit", async () => {
    const result = await exportToGitHub({ token: TOKEN, repoName: "dog-crm", files, message: "CodeForge export", baseUrl: github.url });
    expect(result).toMatchObject({ repo_url: "https://github.com/walker/dog-crm", files_pushed: 2 });
    const repo = github.repos.get("dog-crm")!;
    expect(repo.refs.get("heads/main")).toBe(result.commit_sha);
    expect(headFiles(repo)).toEqual(files);
    expect(repo.commits.get(result.commit_sha)!.parents).toHaveLength(1);
  });

  it("updates an existing repository with a new commit on top", async () => {
    const first = await exportToGitHub({ token: TOKEN, repoName: "again", files, message: "one", baseUrl: github.url });
    const changed = [...files, { path: "README.md", content: "# Dog CRM" }];
    const second = await exportToGitHub({ token: TOKEN, repoName: "again", files: changed, message: "two", baseUrl: github.url });
    const repo = github.repos.get("again")!;
    expect(repo.commits.get(second.commit_sha)!.parents).toEqual([first.commit_sha]);
    expect(headFiles(repo).map((f) => f.path)).toEqual(["package.json", "src/App.tsx", "README.md"]);
  });

  it("reports a rejected token as github_token_rejected, with GitHub's 401", async () => {
    await expect(exportToGitHub({ token: "wrong", repoName: "x", files, message: "m", baseUrl: github.url })).rejects.toMatchObject({
      isAppError: true,
      code: "github_token_rejected",
      details: { upstream_status: 401 },
      message: expect.stringContaining("token was rejected"),
    });
  });

  it("reports an invalid repository name as GitHub's 422", async () => {
    await expect(exportToGitHub({ token: TOKEN, repoName: "bad name!", files, message: "m", baseUrl: github.url })).rejects.toMatchObject({ code: "github_refused", details: { upstream_status: 422 } });
  });
});

describe("zipFiles", () => {
  it("packs every file under the root folder, byte for byte", () => {
    const entries = unzipSync(zipFiles("dog-crm", files));
    expect(Object.keys(entries).sort()).toEqual(["dog-crm/package.json", "dog-crm/src/App.tsx"]);
    expect(strFromU8(entries["dog-crm/src/App.tsx"]!)).toBe(files[1]!.content);
  });
});
