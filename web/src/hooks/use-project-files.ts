/** @module The paths of a project's files, as a list and as a folder tree. */
import { fetchFileList, type FileSummary } from "../data/files.ts";
import { useResource, type Resource } from "./use-resource.ts";

export interface FileTreeNode {
  name: string;
  /** Full path for files; the folder's path for folders. */
  path: string;
  file?: FileSummary;
  children: FileTreeNode[];
}

/** Folders first, then files, each alphabetical. */
export function buildFileTree(files: FileSummary[]): FileTreeNode[] {
  const root: FileTreeNode = { name: "", path: "", children: [] };
  for (const file of files) {
    const parts = file.path.split("/");
    let node = root;
    parts.forEach((part, index) => {
      const path = parts.slice(0, index + 1).join("/");
      if (index === parts.length - 1) {
        node.children.push({ name: part, path, file, children: [] });
        return;
      }
      let folder = node.children.find((child) => !child.file && child.name === part);
      if (!folder) {
        folder = { name: part, path, children: [] };
        node.children.push(folder);
      }
      node = folder;
    });
  }
  const sort = (nodes: FileTreeNode[]): FileTreeNode[] =>
    nodes
      .sort((a, b) => Number(!!a.file) - Number(!!b.file) || a.name.localeCompare(b.name))
      .map((node) => ({ ...node, children: sort(node.children) }));
  return sort(root.children);
}

export function useProjectFiles(projectId: string, refreshKey = ""): Resource<FileSummary[]> {
  return useResource(`files:${projectId}:${refreshKey}`, () => fetchFileList(projectId));
}
