import { describe, expect, it } from "vitest";
import { CLIENTS_APP, CLIENTS_PAGE } from "../../tests/shared/clients-app.ts";
import { applyEdits, checkProposal, editsOf, extractComponent, moveFile, type VersionedFile } from "./index.ts";

const files: VersionedFile[] = CLIENTS_APP.map((file) => ({ path: file.path, content: file.content, version: 1 }));
const contentOf = (all: { path: string; content: string }[], path: string) => all.find((file) => file.path === path)?.content;

describe("moveFile", { timeout: 60_000 }, () => {
  it("moves a file and re-points every import of it and its own relative imports; the project still checks", async () => {
    const edits = await editsOf(files, moveFile(files, "src/pages/Clients.tsx", "src/features/clients/ClientsPage.tsx"));
    expect(edits.map((e) => [e.path, e.action, e.occurrences])).toEqual([
      ["src/App.tsx", "modify", 1],
      ["src/features/clients/ClientsPage.tsx", "create", 2],
      ["src/pages/Clients.tsx", "delete", 0],
    ]);
    const after = applyEdits(files, edits);
    expect(contentOf(after, "src/App.tsx")).toContain('import { ClientsPage } from "./features/clients/ClientsPage";');
    const moved = contentOf(after, "src/features/clients/ClientsPage.tsx")!;
    expect(moved).toContain('import type { Client } from "../../types";');
    expect(moved).toContain('import { formatName } from "../../format";');
    expect(moved).toContain('from "react-router-dom"');
    expect(await checkProposal(files, edits)).toEqual({ passed: true, type_checked: true, findings: [] });
  });

  it("rewrites index.html's script src when the entry moves", async () => {
    const edits = await editsOf(files, moveFile(files, "src/main.tsx", "src/entry.tsx"));
    expect(contentOf(applyEdits(files, edits), "index.html")).toContain('src="/src/entry.tsx"');
    expect(contentOf(applyEdits(files, edits), "src/entry.tsx")).toContain('from "./App"');
  });

  it("refuses a missing file or a taken path", () => {
    expect(() => moveFile(files, "src/Nope.tsx", "src/Yes.tsx")).toThrow("There is no file src/Nope.tsx");
    expect(() => moveFile(files, "src/App.tsx", "src/types.ts")).toThrow("src/types.ts already exists");
  });
});

describe("extractComponent", { timeout: 60_000 }, () => {
  it("extracts the form by tag: the local names it reads become typed props, and the project still checks", async () => {
    const edits = await editsOf(files, await extractComponent(files, { path: "src/pages/Clients.tsx", target: { tag: "form", occurrence: 1 }, component_name: "ClientForm" }));
    expect(edits.map((e) => [e.path, e.action])).toEqual([["src/pages/ClientForm.tsx", "create"], ["src/pages/Clients.tsx", "modify"]]);
    const after = applyEdits(files, edits);
    const form = contentOf(after, "src/pages/ClientForm.tsx")!;
    expect(form).toContain("export function ClientForm({ save, draft, setDraft }: { save: (event: FormEvent<HTMLFormElement>) => void; draft: Client; setDraft:");
    expect(form).toContain('import type { Client } from "../types";');
    expect(form).toContain("    <form onSubmit={save}>\n      <label>");
    const page = contentOf(after, "src/pages/Clients.tsx")!;
    expect(page).toContain("<ClientForm save={save} draft={draft} setDraft={setDraft} />");
    expect(page).toContain('import { ClientForm } from "./ClientForm";');
    expect(await checkProposal(files, edits)).toMatchObject({ passed: true, findings: [] });
  });

  it("extracts a row by its lines: the key stays at the call site and the module's imports follow", async () => {
    const edits = await editsOf(files, await extractComponent(files, { path: "src/pages/Clients.tsx", target: { start_line: 32, end_line: 35 }, component_name: "ClientRow", to_path: "src/components/ClientRow.tsx" }));
    const after = applyEdits(files, edits);
    const row = contentOf(after, "src/components/ClientRow.tsx")!;
    expect(row).toContain('import { formatName } from "../format";');
    expect(row).toContain("export function ClientRow({ client }: { client: Client })");
    expect(row).not.toContain("key=");
    const page = contentOf(after, "src/pages/Clients.tsx")!;
    expect(page).toContain("<ClientRow key={client.id} client={client} />");
    expect(page).not.toContain("formatName");
    expect(await checkProposal(files, edits)).toMatchObject({ passed: true, findings: [] });
  });

  it("exports a top-level name of the page that the element reads", async () => {
    const edits = await editsOf(files, await extractComponent(files, { path: "src/pages/Clients.tsx", target: { start_line: 23, end_line: 28 }, component_name: "DraftForm" }));
    expect(await checkProposal(files, edits)).toMatchObject({ passed: true });
    const withEmpty = CLIENTS_PAGE.replace("<button", "<button onClick={() => setDraft(EMPTY)}");
    const changed = files.map((f) => (f.path === "src/pages/Clients.tsx" ? { ...f, content: withEmpty } : f));
    const after = applyEdits(changed, await editsOf(changed, await extractComponent(changed, { path: "src/pages/Clients.tsx", target: { tag: "form", occurrence: 1 }, component_name: "DraftForm" })));
    expect(contentOf(after, "src/pages/Clients.tsx")).toContain("export const EMPTY");
    expect(contentOf(after, "src/pages/DraftForm.tsx")).toContain('import { EMPTY } from "./Clients";');
  });

  it("says what is there when the target matches nothing", async () => {
    await expect(extractComponent(files, { path: "src/pages/Clients.tsx", target: { tag: "form", occurrence: 2 }, component_name: "X" })).rejects.toThrow("has 1 <form> element(s); occurrence 2 was asked for");
    await expect(extractComponent(files, { path: "src/pages/Clients.tsx", target: { start_line: 1, end_line: 2 }, component_name: "X" })).rejects.toThrow("No JSX element of src/pages/Clients.tsx starts on line 1 and ends on line 2");
    await expect(extractComponent(files, { path: "src/pages/Clients.tsx", target: { tag: "form", occurrence: 1 }, component_name: "ClientsPage" })).rejects.toThrow("already has a ClientsPage");
  });
});

describe("checkProposal", { timeout: 60_000 }, () => {
  it("holds only new critical findings against a proposal, counting repeats of an old one", async () => {
    const broken = files.map((f) => (f.path === "src/App.tsx" ? { ...f, content: f.content.replace("return (", "const a: number = 'x';\n  return (") } : f));
    const app = broken.find((f) => f.path === "src/App.tsx")!;
    const unchanged = await editsOf(broken, [{ action: "modify", path: "src/App.tsx", content: `${app.content}// note\n`, occurrences: 1 }]);
    expect(await checkProposal(broken, unchanged)).toMatchObject({ passed: true, findings: [] });
    const again = await editsOf(broken, [{ action: "modify", path: "src/App.tsx", content: app.content.replace("return (", "const b: number = 'x';\n  return ("), occurrences: 1 }]);
    const check = await checkProposal(broken, again);
    expect(check.passed).toBe(false);
    expect(check.findings).toEqual([expect.objectContaining({ check: "types", file: "src/App.tsx", message: expect.stringContaining("not assignable to type 'number'") })]);
  });
});
