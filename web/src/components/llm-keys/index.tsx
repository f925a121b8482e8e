/** @module The user's provider keys: the list (provider, last four characters, when added), add one, delete one. The key is never shown again. */
import { useState, type FormEvent } from "react";
import { addKey, deleteKey, type LlmSettings } from "../../data/llm-settings.ts";
import type { AppError } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { ErrorMessage } from "../error-message/index.tsx";
import { TextField } from "../field/index.tsx";

export function LlmKeys({ settings, onChange }: { settings: LlmSettings; onChange: () => void }) {
  const [provider, setProvider] = useState(settings.key_providers[0] ?? "");
  const [apiKey, setApiKey] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const { error } = await addKey(provider, apiKey);
    setBusy(false);
    setError(error);
    if (!error) {
      setApiKey("");
      onChange();
    }
  };
  const remove = async (name: string) => {
    const { error } = await deleteKey(name);
    setError(error);
    onChange();
  };

  return (
    <section className="card stack" aria-labelledby="keys-title">
      <h2 id="keys-title">Provider keys</h2>
      <p className="muted small">Stored encrypted and never shown again: only the last four characters are kept in sight.</p>
      {settings.keys.length ? (
        <ul className="list" aria-label="Your keys">
          {settings.keys.map((key) => (
            <li key={key.provider} className="list-item">
              <div className="list-item-main">
                <strong>{key.provider}</strong> <code>…{key.last4}</code> <span className="muted small">added {formatDateTime(key.created_at)}</span>
              </div>
              <button type="button" className="button button-small" onClick={() => void remove(key.provider)} aria-label={`Delete the ${key.provider} key`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No keys yet: jobs run on the server's model.</p>
      )}
      <form className="stack" onSubmit={(event) => void submit(event)} aria-label="Add a key">
        <div className="field">
          <label htmlFor="key-provider">Provider</label>
          <select id="key-provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
            {settings.key_providers.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        </div>
        <TextField label="API key" name="api_key" type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} hint="Checked with the provider before it is saved." />
        <ErrorMessage error={error} />
        <div>
          <button type="submit" className="button button-primary" disabled={busy || !apiKey.trim()}>
            {busy ? "Checking…" : "Add key"}
          </button>
        </div>
      </form>
    </section>
  );
}
