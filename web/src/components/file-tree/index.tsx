/** @module A project's files as a folder tree of links; folders fold with the native disclosure widget. */
import { NavLink } from "react-router-dom";
import type { FileTreeNode } from "../../hooks/use-project-files.ts";
import "./styles.css";

export function FileTree({ nodes, href, label = "Files" }: { nodes: FileTreeNode[]; href(path: string): string; label?: string }) {
  return (
    <nav aria-label={label} className="file-tree">
      <Branch nodes={nodes} href={href} />
    </nav>
  );
}

function Branch({ nodes, href }: { nodes: FileTreeNode[]; href(path: string): string }) {
  return (
    <ul>
      {nodes.map((node) =>
        node.file ? (
          <li key={node.path}>
            <NavLink to={href(node.path)} title={node.path} end>
              {node.name}
            </NavLink>
          </li>
        ) : (
          <li key={node.path}>
            <details open>
              <summary>{node.name}/</summary>
              <Branch nodes={node.children} href={href} />
            </details>
          </li>
        ),
      )}
    </ul>
  );
}
