/** @module Settings: provider keys, the default provider and model, the monthly cap with this month's spend, and each project's model. */
import { useEffect, useId, useState, type FormEvent } from "react";
import { ErrorMessage } from "../components/error-message/index.tsx";
import { TextField } from "../components/field/index.tsx";
import { LlmKeys } from "../components/llm-keys/index.tsx";
import { Skeleton } from "../components/skeleton/index.tsx";
import { fetchModels, fetchProjectChoice, saveLlmSettings, saveProjectChoice, type LlmChoice, type LlmSettings } from "../data/llm-settings.ts";
import { fetchProjectsPage } from "../data/projects.ts";
import { useLlmSettings } from "../hooks/use-llm-settings.ts";
import { useResource } from "../hooks/use-resource.ts";
import { appError, type AppError } from "../lib/errors.ts";

export function Component() {
  const settings = useLlmSettings();
  return (
    <div className="page-narrow stack">
      <h1>Settings</h1>
      <ErrorMessage error={settings.error} onRetry={settings.reload} />
      {settings.data ? (
        <>
          <LlmKeys settings={settings.data} onChange={settings.reload} />
          <DefaultsForm key={JSON.stringify([settings.data.default, settings.data.monthly_cap_usd])} settings={settings.data} onSaved={settings.reload} />
          <ProjectModel settings={settings.data} />
        </>
      ) : settings.loading ? <Skeleton lines={6} label="Loading your settings…" /> : null}
    </div>
  );
}

const usd = (amount: number) => `$${amount.toFixed(2)}`;
const serverWords = (settings: LlmSettings) => `the server's (${settings.server_default.provider}, ${settings.server_default.model || "not configured"})`;

/** A provider select and a model field whose suggestions come from the provider. */
function ChoiceFields({ settings, value, onChange, emptyLabel }: { settings: LlmSettings; value: LlmChoice | null; onChange: (choice: LlmChoice | null) => void; emptyLabel: string }) {
  const id = useId();
  const provider = value?.provider ?? "";
  const models = useResource(provider ? `models:${provider}` : null, () => fetchModels(provider));
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-provider`}>Provider</label>
        <select id={`${id}-provider`} value={provider} onChange={(e) => onChange(e.target.value ? { provider: e.target.value, model: "" } : null)}>
          <option value="">{emptyLabel}</option>
          {settings.providers.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
      </div>
      {provider ? (
        <>
          <TextField label="Model" list={`${id}-models`} value={value?.model ?? ""} onChange={(e) => onChange({ provider, model: e.target.value })} hint={models.error ? models.error.message : "A model the price table or the provider lists."} />
          <datalist id={`${id}-models`}>{(models.data ?? []).map((name) => <option key={name} value={name} />)}</datalist>
        </>
      ) : null}
    </>
  );
}

function Outcome({ error, saved }: { error: AppError | null; saved: string | null }) {
  if (error) return <ErrorMessage error={error} />;
  return saved ? <div className="alert alert-success" role="status">{saved}</div> : null;
}

function DefaultsForm({ settings, onSaved }: { settings: LlmSettings; onSaved: () => void }) {
  const [choice, setChoice] = useState<LlmChoice | null>(settings.default);
  const [cap, setCap] = useState(settings.monthly_cap_usd === null ? "" : String(settings.monthly_cap_usd));
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const capValue = cap.trim() === "" ? null : Number(cap);
    if (capValue !== null && !(capValue >= 0)) return setError(appError("invalid", "The monthly cap is an amount in US dollars, 0 or more."));
    setBusy(true);
    const { error } = await saveLlmSettings({ default_provider: choice?.provider ?? null, default_model: choice?.model ?? null, monthly_cap_usd: capValue });
    setBusy(false);
    setError(error);
    if (!error) {
      setSaved("Settings saved.");
      onSaved();
    }
  };

  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} aria-label="Defaults and monthly cap">
      <h2>Default model and monthly cap</h2>
      <p aria-label="Spend this month">
        This month: <strong>{usd(settings.month_spend_usd)}</strong>
        {settings.monthly_cap_usd === null ? " (no cap)" : ` of your ${usd(settings.monthly_cap_usd)} cap`}
      </p>
      <ChoiceFields settings={settings} value={choice} onChange={setChoice} emptyLabel={`Use ${serverWords(settings)}`} />
      <TextField label="Monthly cap (USD)" name="monthly_cap_usd" inputMode="decimal" value={cap} onChange={(e) => setCap(e.target.value)} hint="Jobs pause before a model call once this month's spend reaches it. Empty: no cap." />
      <Outcome error={error} saved={saved} />
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>{busy ? "Saving…" : "Save"}</button>
      </div>
    </form>
  );
}

function ProjectModel({ settings }: { settings: LlmSettings }) {
  const projects = useResource("settings-projects", () => fetchProjectsPage(1, 100));
  const [projectId, setProjectId] = useState("");
  const [choice, setChoice] = useState<LlmChoice | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const current = useResource(projectId ? `project-model:${projectId}` : null, () => fetchProjectChoice(projectId));
  useEffect(() => setChoice(current.data ?? null), [current.data]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const { error } = await saveProjectChoice(projectId, choice);
    setError(error);
    if (!error) setSaved("The project's model is saved.");
  };

  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} aria-label="Project model">
      <h2>Model per project</h2>
      <ErrorMessage error={projects.error} onRetry={projects.reload} />
      <div className="field">
        <label htmlFor="model-project">Project</label>
        <select id="model-project" value={projectId} onChange={(e) => (setProjectId(e.target.value), setSaved(null), setError(null))}>
          <option value="">Choose a project</option>
          {(projects.data?.rows ?? []).map((project) => <option key={project.id} value={project.id}>{project.title}</option>)}
        </select>
      </div>
      {projectId && !current.loading ? (
        <>
          <ChoiceFields settings={settings} value={choice} onChange={setChoice} emptyLabel="Use my default" />
          <Outcome error={error ?? current.error} saved={saved} />
          <div>
            <button type="submit" className="button button-primary">Save project model</button>
          </div>
        </>
      ) : null}
    </form>
  );
}
