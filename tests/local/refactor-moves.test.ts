/** Offline refactors through the function: moving a file, extracting a component, accepting some files, stale files, bad input, another user. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callFunction, type SignedInCaller } from "./api.ts";
import { clientsProject, filesOf, refactor } from "./refactor-harness.ts";
import { startStackWithUsers, type TestStack } from "./stack.ts";

let stack: TestStack, alice: SignedInCaller, mallory: SignedInCaller;
beforeAll(async () => ({ stack, alice, bob: mallory } = await startStackWithUsers()));
afterAll(() => stack?.close());

const PAGE = "src/pages/Clients.tsx";

describe("extract a component", { timeout: 120_000 }, () => {
  it("proposes the new file and the page calling it, checked, and applies both atomically", async () => {
    const project = await clientsProject(stack, alice);
    const job = await refactor(stack, alice, { project_id: project, kind: "extract_component", path: PAGE, target: { tag: "form" }, component_name: "ClientForm" });
    expect(job.status, job.error).toBe("completed");
    const { proposal } = job.result;
    expect(proposal.summary).toBe("Extract <form> #1 of src/pages/Clients.tsx into ClientForm (src/pages/ClientForm.tsx)");
    expect(proposal.check).toEqual({ passed: true, type_checked: true, findings: [] });
    expect(proposal.edits.map((e: { path: string; action: string }) => [e.path, e.action])).toEqual([["src/pages/ClientForm.tsx", "create"], [PAGE, "modify"]]);

    const applied = await callFunction(stack, alice, "POST", `/refactor/${job.job_id}/apply`);
    expect(applied.status).toBe(200);
    expect((await applied.json()).applied_changes).toMatchObject({
      files: [{ path: "src/pages/ClientForm.tsx", action: "create", from_version: null, to_version: 1 }, { path: PAGE, action: "modify", from_version: 1, to_version: 2 }],
      rejected: [],
    });
    const files = await filesOf(alice, project);
    expect(files.get("src/pages/ClientForm.tsx")!.content).toContain("export function ClientForm({ save, draft, setDraft }");
    expect(files.get(PAGE)!.content).toContain("<ClientForm save={save} draft={draft} setDraft={setDraft} />");
    const language = (await alice.client.from("project_files").select("language").eq("project_id", project).eq("path", "src/pages/ClientForm.tsx").single()).data!.language;
    expect(language).toBe("typescript");
  });

  it("fails the job naming what the file has when the target is not there", async () => {
    const project = await clientsProject(stack, alice);
    const job = await refactor(stack, alice, { project_id: project, kind: "extract_component", path: PAGE, target: { start_line: 3, end_line: 9 }, component_name: "Nothing" });
    expect(job.status).toBe("failed");
    expect(job.error).toContain("No JSX element of src/pages/Clients.tsx starts on line 3 and ends on line 9");
  });
});

describe("move a file", { timeout: 120_000 }, () => {
  it("applies only the accepted files, and refuses a created file that exists by then (409, nothing written)", async () => {
    const project = await clientsProject(stack, alice);
    const job = await refactor(stack, alice, { project_id: project, kind: "rename_file", path: PAGE, to_path: "src/features/ClientsPage.tsx" });
    expect(job.status, job.error).toBe("completed");
    expect(job.result.proposal.check.passed).toBe(true);
    expect(job.result.proposal.edits.map((e: { path: string; action: string; occurrences: number }) => [e.path, e.action, e.occurrences])).toEqual([
      ["src/App.tsx", "modify", 1],
      ["src/features/ClientsPage.tsx", "create", 0],
      [PAGE, "delete", 0],
    ]);

    // Someone creates the target path meanwhile: the whole apply is refused.
    await alice.client.from("project_files").insert({ project_id: project, path: "src/features/ClientsPage.tsx", content: "// mine", language: "typescript" }).throwOnError();
    const refused = await callFunction(stack, alice, "POST", `/refactor/${job.job_id}/apply`);
    expect(refused.status).toBe(409);
    expect((await refused.json()).details).toEqual([{ path: "src/features/ClientsPage.tsx", reason: "exists", current_version: 1 }]);
    expect((await filesOf(alice, project)).get("src/App.tsx")!.version).toBe(1);
    await alice.client.from("project_files").delete().eq("project_id", project).eq("path", "src/features/ClientsPage.tsx").throwOnError();

    // Accept the new file and the import, reject the deletion: the old file stays.
    const applied = await callFunction(stack, alice, "POST", `/refactor/${job.job_id}/apply`, { paths: ["src/App.tsx", "src/features/ClientsPage.tsx"] });
    expect(applied.status).toBe(200);
    expect((await applied.json()).applied_changes.rejected).toEqual([PAGE]);
    const files = await filesOf(alice, project);
    expect(files.get("src/App.tsx")!.content).toContain('from "./features/ClientsPage"');
    expect(files.get("src/features/ClientsPage.tsx")!.content).toContain('from "../types"');
    expect(files.has(PAGE)).toBe(true);
  });

  it("deletes the old file when all is accepted, and a stale file is a 409 naming it", async () => {
    const project = await clientsProject(stack, alice);
    const stale = await refactor(stack, alice, { project_id: project, kind: "rename_file", path: "src/format.ts", to_path: "src/lib/format.ts" });
    const page = (await alice.client.from("project_files").select("id, version").eq("project_id", project).eq("path", PAGE).single()).data!;
    await alice.client.rpc("save_project_file", { p_file_id: page.id, p_content: "// edited meanwhile\n", p_expected_version: page.version }).throwOnError();
    const refused = await callFunction(stack, alice, "POST", `/refactor/${stale.job_id}/apply`);
    expect(refused.status).toBe(409);
    expect((await refused.json()).details).toEqual([{ path: PAGE, reason: "changed", base_version: 1, current_version: 2 }]);
    expect((await filesOf(alice, project)).has("src/format.ts")).toBe(true);

    const fresh = await refactor(stack, alice, { project_id: project, kind: "rename_file", path: "src/format.ts", to_path: "src/lib/format.ts" });
    expect((await callFunction(stack, alice, "POST", `/refactor/${fresh.job_id}/apply`)).status).toBe(200);
    const files = await filesOf(alice, project);
    expect(files.has("src/format.ts")).toBe(false);
    expect(files.get("src/lib/format.ts")!.content).toContain('import type { Client } from "../types";');
    const manifest = (await alice.client.from("project_manifests").select("source").eq("project_id", project).order("version", { ascending: false }).limit(1).single()).data!;
    expect(manifest.source).toBe("refactor");
  });
});

describe("bad input", { timeout: 120_000 }, () => {
  it("answers 400 naming the field, and 409 for an instruction with no model", async () => {
    const project = await clientsProject(stack, alice);
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "extract_component", path: PAGE, target: { tag: "form" }, component_name: "clientForm" }, "component_name"],
      [{ kind: "extract_component", path: "src/types.ts", target: { tag: "form" }, component_name: "ClientForm" }, "path"],
      [{ kind: "extract_component", path: PAGE, target: { start_line: 9, end_line: 3 }, component_name: "ClientForm" }, "target"],
      [{ kind: "extract_component", path: PAGE, target: { tag: "form", start_line: 1 }, component_name: "ClientForm" }, "target"],
      [{ kind: "rename_file", path: PAGE, to_path: PAGE }, "to_path"],
      [{ kind: "rename_file", path: PAGE, to_path: "../outside.tsx" }, "to_path"],
      [{ kind: "rename_file", path: PAGE, to_path: "src/styles.css" }, "to_path"],
      [{ kind: "move_everything", path: PAGE }, "kind"],
      [{ kind: "instruction", instruction: "" }, "instruction"],
    ];
    for (const [body, field] of cases) {
      const response = await callFunction(stack, alice, "POST", "/refactor", { project_id: project, ...body });
      const answer = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(answer), JSON.stringify(body)).toContain(field);
    }
    const noModel = await callFunction(stack, alice, "POST", "/refactor", { project_id: project, kind: "instruction", instruction: "extract the client form into its own component" });
    expect(noModel.status).toBe(409);
    expect(await noModel.json()).toMatchObject({ code: "provider_not_configured" });

    const job = await refactor(stack, alice, { project_id: project, kind: "rename_file", path: "src/format.ts", to_path: "src/lib/format.ts" });
    for (const [paths, words] of [[[], "paths"], [["src/App.tsx"], "src/App.tsx is not a file of the proposal"], [["/etc/passwd"], "paths"]] as const) {
      const response = await callFunction(stack, alice, "POST", `/refactor/${job.job_id}/apply`, { paths });
      expect(response.status, JSON.stringify(paths)).toBe(400);
      expect(JSON.stringify(await response.json())).toContain(words);
    }
  });
});

describe("another user", { timeout: 120_000 }, () => {
  it("can neither start a move on the project nor apply its proposal", async () => {
    const project = await clientsProject(stack, alice);
    expect((await callFunction(stack, mallory, "POST", "/refactor", { project_id: project, kind: "rename_file", path: PAGE, to_path: "src/Mine.tsx" })).status).toBe(404);
    expect((await callFunction(stack, mallory, "POST", "/refactor", { project_id: project, kind: "extract_component", path: PAGE, target: { tag: "form" }, component_name: "Mine" })).status).toBe(404);
    const job = await refactor(stack, alice, { project_id: project, kind: "rename_file", path: PAGE, to_path: "src/features/ClientsPage.tsx" });
    expect((await callFunction(stack, mallory, "POST", `/refactor/${job.job_id}/apply`, { paths: [PAGE] })).status).toBe(404);
    expect((await filesOf(alice, project)).has(PAGE)).toBe(true);
  });
});
