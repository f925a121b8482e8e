/** @module A small React + TypeScript app with a form and a table in one page: what the refactor tests move, extract and rewrite. */

/** `src/pages/Clients.tsx`: the form is lines 23–28, the table lines 29–38, its row lines 32–35. */
export const CLIENTS_PAGE = `import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import type { Client } from "../types";
import { formatName } from "../format";

const EMPTY: Client = { id: 0, name: "", email: "" };

export function ClientsPage() {
  const [clients, setClients] = useState<Client[]>([]);
  const [draft, setDraft] = useState<Client>(EMPTY);

  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setClients([...clients, { ...draft, id: clients.length + 1 }]);
    setDraft(EMPTY);
  };

  return (
    <main>
      <h1>Clients</h1>
      <Link to="/">Home</Link>
      <section>
        <form onSubmit={save}>
          <label>
            Name <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </label>
          <button type="submit">Add</button>
        </form>
        <table>
          <tbody>
            {clients.map((client) => (
              <tr key={client.id}>
                <td>{formatName(client)}</td>
                <td>{client.email}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
`;

/** The app's files as the project holds them. */
export const CLIENTS_APP: { path: string; content: string; language: string }[] = [
  { path: "index.html", language: "html", content: '<!doctype html>\n<html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n' },
  {
    path: "package.json",
    language: "json",
    content: JSON.stringify({ name: "clients", private: true, type: "module", dependencies: { react: "^18.3.1", "react-dom": "^18.3.1", "react-router-dom": "^6.26.0" } }, null, 2),
  },
  {
    path: "src/main.tsx",
    language: "typescript",
    content: 'import { createRoot } from "react-dom/client";\nimport { BrowserRouter } from "react-router-dom";\nimport { App } from "./App";\n\ncreateRoot(document.getElementById("root")!).render(\n  <BrowserRouter>\n    <App />\n  </BrowserRouter>,\n);\n',
  },
  {
    path: "src/App.tsx",
    language: "typescript",
    content: 'import { Route, Routes } from "react-router-dom";\nimport { ClientsPage } from "./pages/Clients";\n\nexport function App() {\n  return (\n    <Routes>\n      <Route path="/" element={<ClientsPage />} />\n    </Routes>\n  );\n}\n',
  },
  { path: "src/types.ts", language: "typescript", content: "export interface Client {\n  id: number;\n  name: string;\n  email: string;\n}\n" },
  { path: "src/format.ts", language: "typescript", content: 'import type { Client } from "./types";\n\nexport const formatName = (client: Client) => client.name.trim() || "(no name)";\n' },
  { path: "src/pages/Clients.tsx", language: "typescript", content: CLIENTS_PAGE },
];
