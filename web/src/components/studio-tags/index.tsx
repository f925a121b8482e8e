/** @module The project's tags with their colours and usage, and a form for a new one. */
import { useState } from "react";
import { createTag, type Tag } from "../../data/studio.ts";

export function StudioTags({ projectId, tags, onChanged }: { projectId: string; tags: Tag[]; onChanged(): void }) {
  const [name, setName] = useState("");
  const [color, setColor] = useState("#3b82f6");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <section className="card stack" aria-labelledby="tags-title">
      <h2 id="tags-title">Tags</h2>
      <ul className="studio-list">
        {tags.map((tag) => (
          <li key={tag.id} className="badge">
            <span className="studio-swatch" style={{ background: tag.color ?? "#888" }} aria-hidden="true" />
            {tag.name} · {tag.usage_count}
          </li>
        ))}
      </ul>
      <form className="studio-actions" onSubmit={(event) => {
        event.preventDefault();
        if (!name.trim()) return;
        createTag(projectId, name.trim(), color).then(() => (setName(""), setProblem(null), onChanged()), (error: Error) => setProblem(error.message));
      }}>
        <label htmlFor="tag-name">New tag</label>
        <input id="tag-name" value={name} onChange={(event) => setName(event.target.value)} />
        <label htmlFor="tag-color">Colour</label>
        <input id="tag-color" type="color" value={color} onChange={(event) => setColor(event.target.value)} />
        <button type="submit" className="button">Add tag</button>
      </form>
      {problem ? <p role="alert" className="small">{problem}</p> : null}
    </section>
  );
}
