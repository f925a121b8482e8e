/** @module The trash: soft-deleted products, orders and collections, each restorable until retention purges it. */
import { setDeleted, type TrashEntry } from "../../data/studio.ts";

export function StudioTrash({ entries, onChanged }: { entries: TrashEntry[]; onChanged(): void }) {
  return (
    <section className="card stack" aria-labelledby="trash-title">
      <h2 id="trash-title">Trash</h2>
      <p className="small muted">Deleted items stay here for 90 days, then they and their files are removed for good.</p>
      {entries.length ? (
        <ul className="studio-list">
          {entries.map((entry) => (
            <li key={entry.id} className="badge">
              {entry.entity}: {entry.label ?? entry.id}
              <button type="button" className="button" onClick={() => void setDeleted(entry.entity, entry.id, false).then(onChanged)}>Restore</button>
            </li>
          ))}
        </ul>
      ) : <p className="muted">Nothing deleted.</p>}
    </section>
  );
}
