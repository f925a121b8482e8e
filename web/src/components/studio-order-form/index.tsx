/** @module The order form: generated from the chosen model's parameter schema, with a live count of the items it expands into. */
import { useMemo, useState, type FormEvent } from "react";
import { expandedCount } from "../../../../shared/studio/expand.ts";
import { placeOrder, saveTemplate, type Lookup, type StudioModel, type Template } from "../../data/studio.ts";
import { FormFailure } from "../form-failure/index.tsx";
import { fieldsOf, parametersOf, toggleSuggestion, valuesOf, type FormValues } from "./fields.ts";

interface Props {
  projectId: string;
  models: StudioModel[];
  lookups: Lookup[];
  templates: Template[];
  onPlaced(orderId: string): void;
  onTemplateSaved(): void;
}

export function StudioOrderForm({ projectId, models, lookups, templates, onPlaced, onTemplateSaved }: Props) {
  const [modelId, setModelId] = useState(models[0]?.id ?? "");
  const model = models.find((candidate) => candidate.id === modelId) ?? models[0];
  const fields = useMemo(
    () => (model ? fieldsOf(model.parameter_schema, new Map(lookups.map((lookup) => [lookup.key, lookup.values]))) : []),
    [model, lookups],
  );
  const [values, setValues] = useState<FormValues>({});
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [templateName, setTemplateName] = useState("");
  const parameters = parametersOf(fields, values);
  const count = model ? expandedCount(parameters, model.parameter_schema) : 0;
  const fitting = templates.filter((template) => model && template.provider === model.provider_id && template.model === model.model_id);

  const useTemplate = (id: string) => {
    const template = templates.find((candidate) => candidate.id === id);
    setTemplateId(template?.id ?? null);
    if (template) setValues(valuesOf(fields, template.parameter_set));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!model) return;
    setBusy(true);
    const { data, error } = await placeOrder({ project_id: projectId, provider: model.provider_id, model: model.model_id, parameters, ...(templateId ? { template_id: templateId } : {}) });
    setBusy(false);
    setFailure(error ? error.message : null);
    if (data) onPlaced(data.order_id);
  };
  const save = async () => {
    if (!model || !templateName.trim()) return;
    try {
      await saveTemplate(projectId, { name: templateName.trim(), provider: model.provider_id, model: model.model_id, parameter_set: parameters });
      setTemplateName("");
      onTemplateSaved();
    } catch (error) {
      setFailure((error as Error).message);
    }
  };

  if (!model) return <p className="muted">No model is available.</p>;
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} aria-labelledby="order-title">
      <h2 id="order-title">New order</h2>
      <div className="field">
        <label htmlFor="studio-model">Model</label>
        <select id="studio-model" value={model.id} onChange={(event) => { setModelId(event.target.value); setValues({}); setTemplateId(null); }}>
          {models.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>{candidate.providers.name} — {candidate.name}</option>
          ))}
        </select>
      </div>
      {fitting.length ? (
        <div className="field">
          <label htmlFor="studio-template">Template</label>
          <select id="studio-template" value={templateId ?? ""} onChange={(event) => useTemplate(event.target.value)}>
            <option value="">None</option>
            {fitting.map((template) => (
              <option key={template.id} value={template.id}>{template.name}{template.is_global ? " (shared)" : ""} · used {template.usage_count}×</option>
            ))}
          </select>
        </div>
      ) : null}
      {fields.map((field) => (
        <div className="field" key={field.key}>
          {field.kind === "choices" ? (
            <fieldset className="studio-choices">
              <legend>{field.label}</legend>
              {field.options!.map((option) => {
                const chosen = (values[field.key] as string[] | undefined) ?? [];
                return (
                  <label key={option} className="studio-choice">
                    <input type="checkbox" checked={chosen.includes(option)}
                      onChange={(event) => setValues({ ...values, [field.key]: event.target.checked ? [...chosen, option] : chosen.filter((value) => value !== option) })} />
                    {option}
                  </label>
                );
              })}
            </fieldset>
          ) : (
            <>
              <label htmlFor={`param-${field.key}`}>{field.label}{field.required ? " (required)" : ""}</label>
              {field.kind === "text" ? (
                <textarea id={`param-${field.key}`} rows={field.key === "prompt" ? 3 : 1} value={(values[field.key] as string) ?? ""}
                  onChange={(event) => setValues({ ...values, [field.key]: event.target.value })} aria-describedby={`hint-${field.key}`} />
              ) : (
                <input id={`param-${field.key}`} value={(values[field.key] as string) ?? ""} inputMode="numeric"
                  onChange={(event) => setValues({ ...values, [field.key]: event.target.value })} aria-describedby={`hint-${field.key}`} />
              )}
              {field.suggestions ? (
                <div className="studio-suggestions" role="group" aria-label="Usual values">
                  {field.suggestions.map((suggestion) => {
                    const raw = (values[field.key] as string | undefined) ?? "";
                    const picked = parametersOf([field], { [field.key]: raw })[field.key];
                    const on = ([] as unknown[]).concat(picked ?? []).map(String).includes(suggestion);
                    return (
                      <button key={suggestion} type="button" className="button studio-suggestion" aria-pressed={on}
                        onClick={() => setValues({ ...values, [field.key]: toggleSuggestion(field, raw, suggestion) })}>
                        {suggestion}
                      </button>
                    );
                  })}
                </div>
              ) : null}
            </>
          )}
          <span className="field-hint" id={`hint-${field.key}`}>{field.hint}</span>
        </div>
      ))}
      <p aria-live="polite" data-testid="item-count"><strong>{count} {count === 1 ? "item" : "items"}</strong></p>
      <FormFailure message={failure} />
      <div className="studio-actions">
        <button type="submit" className="button button-primary" disabled={busy || count === 0}>{busy ? "Placing…" : `Place order (${count})`}</button>
      </div>
      <div className="studio-actions">
        <label className="sr-only" htmlFor="template-name">Template name</label>
        <input id="template-name" placeholder="Save these parameters as…" value={templateName} onChange={(event) => setTemplateName(event.target.value)} />
        <button type="button" className="button" onClick={() => void save()} disabled={!templateName.trim()}>Save template</button>
      </div>
    </form>
  );
}
