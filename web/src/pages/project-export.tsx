/** @module Take the code away (a zip download, a push to GitHub) or bring it in (a GitHub import), with the recorded GitHub runs. */
import { useState } from "react";
import type { GitHubExportResponse } from "../../../shared/protocol/index.ts";
import { GitHubExportForm } from "../components/github-export-form/index.tsx";
import { GitHubImportForm } from "../components/github-import-form/index.tsx";
import { RepoSyncList } from "../components/repo-sync-list/index.tsx";
import { fetchRepoSyncs } from "../data/repo-syncs.ts";
import { useResource } from "../hooks/use-resource.ts";
import { callFunction, functionResponse } from "../lib/functions.ts";
import { useProjectContext } from "./project.tsx";

const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "project";

export function Component() {
  const { project } = useProjectContext();
  const [downloading, setDownloading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const syncs = useResource(`repo-syncs:${project.id}`, () => fetchRepoSyncs(project.id));
  const download = async () => {
    setDownloading(true);
    setProblem(null);
    const { data: response, error } = await functionResponse(`projects/${project.id}/export/zip`);
    if (error) {
      setDownloading(false);
      return setProblem(error.message);
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? `${slug(project.title)}.zip`;
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement("a"), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setDownloading(false);
  };
  return (
    <div className="grid-2" style={{ alignItems: "start" }}>
      <section className="card stack" aria-labelledby="zip-title">
        <h2 id="zip-title">Download a zip</h2>
        <p className="small muted">Every file of the project in one archive, ready for <code>npm install</code> and <code>npm run dev</code>.</p>
        {problem ? (
          <div className="alert alert-error" role="alert">
            {problem}
          </div>
        ) : null}
        <div>
          <button type="button" className="button button-primary" onClick={() => void download()} disabled={downloading}>
            {downloading ? "Preparing…" : "Download zip"}
          </button>
        </div>
      </section>
      <GitHubExportForm
        defaultName={slug(project.title)}
        onExport={async (body) => {
          const result = await callFunction<GitHubExportResponse>(`projects/${project.id}/export/github`, { method: "POST", body });
          syncs.reload();
          return result;
        }}
      />
      <GitHubImportForm projectId={project.id} onDone={syncs.reload} />
      <RepoSyncList syncs={syncs.data ?? []} />
    </div>
  );
}
