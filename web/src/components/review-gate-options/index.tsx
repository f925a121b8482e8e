/** @module The run's review gates (stop after the wireframe / after the code), starting from the project's defaults, which it can also save. */
import { useEffect, useState } from "react";
import type { ReviewGates } from "../../../../shared/protocol/index.ts";
import { fetchReviewGates, saveReviewGates } from "../../data/review-gates.ts";
import "./styles.css";

export function ReviewGateOptions({ projectId, value, onChange }: { projectId: string; value: ReviewGates; onChange(gates: ReviewGates): void }) {
  const [saved, setSaved] = useState<ReviewGates | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetchReviewGates(projectId).then((gates) => {
      if (!live) return;
      setSaved(gates);
      onChange(gates);
    }, () => undefined);
    return () => void (live = false);
    // The project's defaults seed the options once per project.
  }, [projectId]);
  const isDefault = !!saved && !!saved.design === !!value.design && !!saved.feature === !!value.feature;
  const save = async () => {
    const { error } = await saveReviewGates(projectId, value);
    setMessage(error ? error.message : "Saved as this project's default.");
    if (!error) setSaved(value);
  };
  return (
    <fieldset className="stack review-gates">
      <legend>Review gates</legend>
      <label>
        <input type="checkbox" checked={!!value.design} onChange={(e) => onChange({ ...value, design: e.target.checked })} />
        Stop for design review after the wireframe
      </label>
      <label>
        <input type="checkbox" checked={!!value.feature} onChange={(e) => onChange({ ...value, feature: e.target.checked })} />
        Stop for feature review after the code
      </label>
      {saved && !isDefault ? (
        <button type="button" className="button button-small" onClick={() => void save()}>
          Make these the project's default
        </button>
      ) : null}
      {message ? <span className="small muted" role="status">{message}</span> : null}
    </fieldset>
  );
}
