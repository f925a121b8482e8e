/**
 * @module The sandbox's type check (the QA agent's `checkProject`): in a worker thread where the
 * runtime can load one (tsx passes its loader on), so it overlaps the browser's work; in this
 * thread otherwise (under vitest, which cannot start a TypeScript worker).
 */
import { Worker } from "node:worker_threads";
import { checkProject } from "../shared/agents/qa-checks/index.ts";
import type { CheckFinding, ProjectFile } from "../shared/agents/types.ts";

type Pending = { resolve: (findings: CheckFinding[]) => void; reject: (error: Error) => void };

export class TypeChecker {
  private worker?: Worker;
  private broken = false;
  private next = 0;
  private pending = new Map<number, Pending>();

  /** The critical and other findings of `files`. */
  check(files: ProjectFile[]): Promise<CheckFinding[]> {
    const worker = this.start();
    if (!worker) return checkProject(files).then((r) => r.findings);
    const id = this.next++;
    return new Promise<CheckFinding[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, files });
    }).catch(() => checkProject(files).then((r) => r.findings));
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker | undefined {
    if (this.broken || !process.execArgv.some((arg) => arg.includes("tsx"))) return undefined;
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./typecheck-worker.ts", import.meta.url));
    worker.unref();
    worker.on("message", (message: { id: number; findings?: CheckFinding[]; error?: string }) => {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.findings) pending?.resolve(message.findings);
      else pending?.reject(new Error(message.error));
    });
    worker.on("error", (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))));
    worker.on("exit", () => this.fail(new Error("the type check worker exited")));
    this.worker = worker;
    return worker;
  }

  /** A worker that failed is not used again; what it had in hand is checked in this thread. */
  private fail(error: Error): void {
    this.broken = true;
    this.worker = undefined;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
