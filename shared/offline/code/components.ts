/** @module Templates of the generated app's shared components, one per wireframe component, typed by the record they show. */
import type { FieldDef } from "../domain.ts";
import type { AppModel, ComponentModel, EntityModel } from "./app-model.ts";
import { detailHref, imports, jsxText, recordVar, str, titleField } from "./names.ts";

const MODELS = "../data/models";

/** The JSX showing `field` of `row` (a badge for statuses, formatted values otherwise). */
function cell(field: FieldDef, row: string): string {
  if (field.kind === "status") return `<span className={\`badge badge-\${slug(${row}.${field.key})}\`}>{${row}.${field.key}}</span>`;
  if (field.kind === "text") return `{${row}.${field.key}}`;
  return `{formatValue(${str(field.kind)}, ${row}.${field.key})}`;
}
const needsFormat = (fields: FieldDef[]) => fields.some((f) => f.kind !== "status" && f.kind !== "text");
const needsSlug = (fields: FieldDef[]) => fields.some((f) => f.kind === "status");

function table(c: ComponentModel): string {
  const e = c.entity;
  const columns = e.fields.filter((f) => f.kind !== "longtext");
  const [first, ...rest] = columns;
  const im = imports();
  im.use(MODELS, `type ${e.type}`);
  if (needsFormat(rest)) im.use(MODELS, "formatValue");
  if (needsSlug(rest)) im.use(MODELS, "slug");
  if (e.detailPath) im.use("react-router-dom", "Link");
  const firstCell = e.detailPath ? `<Link to={${detailHref(e.detailPath, "row")}}>{row.${first!.key}}</Link>` : cell(first!, "row");
  return `${im.render()}

/** ${e.label} as a table${e.detailPath ? ", each linking to its page" : ""}; a remove button per row when \`onRemove\` is given. */
export function ${c.name}({ rows, onRemove }: { rows: ${e.type}[]; onRemove?: (id: string) => void }) {
  if (rows.length === 0) return <p className="empty">${jsxText(`No ${e.label.toLowerCase()} yet.`)}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
${columns.map((f) => `          <th scope="col">${jsxText(f.label)}</th>`).join("\n")}
          {onRemove && <th scope="col"><span className="visually-hidden">Actions</span></th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>${firstCell}</td>
${rest.map((f) => `            <td>${cell(f, "row")}</td>`).join("\n")}
            {onRemove && (
              <td>
                <button type="button" className="link-button" onClick={() => onRemove(row.id)}>
                  Remove
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
`;
}

function card(c: ComponentModel): string {
  const e = c.entity;
  const v = recordVar(e);
  const head = titleField(e);
  const rest = e.fields.filter((f) => f !== head);
  const im = imports();
  im.use(MODELS, `type ${e.type}`);
  if (needsFormat(rest)) im.use(MODELS, "formatValue");
  if (needsSlug(rest)) im.use(MODELS, "slug");
  if (e.detailPath) im.use("react-router-dom", "Link");
  const title = e.detailPath ? `<Link to={${detailHref(e.detailPath, v)}}>{${v}.${head.key}}</Link>` : `{${v}.${head.key}}`;
  return `${im.render()}

/** One ${e.name} with all its fields. */
export function ${c.name}({ ${v} }: { ${v}: ${e.type} }) {
  return (
    <article className="card">
      <h3>${title}</h3>
      <dl>
${rest.map((f) => `        <dt>${jsxText(f.label)}</dt>\n        <dd>${cell(f, v)}</dd>`).join("\n")}
      </dl>
    </article>
  );
}
`;
}

function input(f: FieldDef): string {
  const set = (value: string) => `onChange={(event) => setDraft({ ...draft, ${f.key}: ${value} })}`;
  const label = (control: string) => `        <label>\n          ${jsxText(f.label)}\n          ${control}\n        </label>`;
  switch (f.kind) {
    case "status":
      return label(`<select value={draft.${f.key}} ${set("event.target.value")}>\n            {${JSON.stringify(f.options ?? [])}.map((option) => (\n              <option key={option}>{option}</option>\n            ))}\n          </select>`);
    case "longtext":
      return label(`<textarea rows={3} value={draft.${f.key}} ${set("event.target.value")} />`);
    case "money":
    case "number":
      return label(`<input type="number" min={0} step=${f.kind === "money" ? '"0.01"' : "{1}"} value={draft.${f.key}} ${set("Number(event.target.value)")} />`);
    default: {
      const type = { email: "email", phone: "tel", date: "date", time: "time" }[f.kind as string] ?? "text";
      return label(`<input type="${type}" value={draft.${f.key}} ${set("event.target.value")}${f.kind === "text" ? " required" : ""} />`);
    }
  }
}

function form(c: ComponentModel): string {
  const e = c.entity;
  const v = recordVar(e);
  const head = titleField(e);
  const guard = head.kind === "text" ? `\n    if (!draft.${head.key}.trim()) return;` : "";
  return `import { useState, type FormEvent } from "react";
import { empty${e.type}, type ${e.type} } from "${MODELS}";

/** A form adding one ${e.name}; it clears itself after each add. */
export function ${c.name}({ onAdd }: { onAdd: (${v}: Omit<${e.type}, "id">) => void }) {
  const [draft, setDraft] = useState<Omit<${e.type}, "id">>(empty${e.type});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();${guard}
    onAdd(draft);
    setDraft(empty${e.type});
  }

  return (
    <form className="form" onSubmit={submit} aria-label=${str(`Add a ${e.name}`)}>
      <fieldset>
        <legend>${jsxText(`Add a ${e.name}`)}</legend>
${e.fields.map(input).join("\n")}
      </fieldset>
      <button type="submit">${jsxText(`Add ${e.name}`)}</button>
    </form>
  );
}
`;
}

function calendar(c: ComponentModel): string {
  const e = c.entity;
  const date = e.fields.find((f) => f.kind === "date");
  const time = e.fields.find((f) => f.kind === "time");
  const head = titleField(e);
  const status = e.fields.find((f) => f.kind === "status");
  if (!date) return table({ ...c, kind: "table" });
  const im = imports();
  im.use(MODELS, "formatValue", `type ${e.type}`);
  if (status) im.use(MODELS, "slug");
  const order = time ? `\n                .sort((a, b) => a.${time.key}.localeCompare(b.${time.key}))` : "";
  return `${im.render()}

/** ${e.label} grouped by day, in date${time ? " and time" : ""} order. */
export function ${c.name}({ rows }: { rows: ${e.type}[] }) {
  const days = [...new Set(rows.map((row) => row.${date.key}))].sort();
  if (days.length === 0) return <p className="empty">${jsxText(`No ${e.label.toLowerCase()} planned.`)}</p>;
  return (
    <div className="calendar">
      {days.map((day) => (
        <section key={day} className="calendar-day">
          <h3>{formatValue("date", day)}</h3>
          <ul>
            {rows
                .filter((row) => row.${date.key} === day)${order}
                .map((row) => (
                  <li key={row.id}>
                    ${time ? `<strong>{row.${time.key}}</strong> ` : ""}{row.${head.key}}${status ? `{" "}\n                    <span className={\`badge badge-\${slug(row.${status.key})}\`}>{row.${status.key}}</span>` : ""}
                  </li>
                ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
`;
}

function badge(c: ComponentModel): string {
  return `import { slug } from "${MODELS}";

/** A coloured label for a status such as "${c.entity.fields.find((f) => f.kind === "status")?.options?.[0] ?? "Active"}". */
export function ${c.name}({ status }: { status: string }) {
  return <span className={\`badge badge-\${slug(status)}\`}>{status}</span>;
}
`;
}

function stat(c: ComponentModel): string {
  return `/** A number with its label, e.g. how many ${c.entity.label.toLowerCase()} there are. */
export function ${c.name}({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <div className="stat">
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
      {hint && <span className="stat-hint">{hint}</span>}
    </div>
  );
}
`;
}

function panel(c: ComponentModel): string {
  return `import type { ReactNode } from "react";

/** A titled section of a page. */
export function ${c.name}({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="panel">
      <h2>{title}</h2>
      {children}
    </section>
  );
}
`;
}

/** The source of shared component `c`. */
export function componentSource(c: ComponentModel, _app: AppModel): string {
  switch (c.kind) {
    case "table": return table(c);
    case "card": return card(c);
    case "form": return form(c);
    case "calendar": return calendar(c);
    case "badge": return badge(c);
    case "stat": return stat(c);
    default: return panel(c);
  }
}

/** Whether a calendar component of `entity` falls back to a table (no date field). */
export const calendarIsTable = (entity: EntityModel) => !entity.fields.some((f) => f.kind === "date");
