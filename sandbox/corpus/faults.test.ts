import { describe, expect, it } from "vitest";
import { FAULT_CLASSES, inject } from "./index.ts";
import { offlineApp } from "../../shared/offline/app.ts";

describe("fault injectors", () => {
  it.each(FAULT_CLASSES)("%s changes exactly one file, the same way for the same seed", async (kind) => {
    const app = await offlineApp("A CRM for dog walkers");
    const { files, fault } = inject(app.files, kind, 4);
    const changed = files.filter((f, i) => f.content !== app.files[i]!.content);
    expect(changed.map((f) => f.path)).toEqual([fault.file]);
    expect(inject(app.files, kind, 4)).toEqual({ files, fault });
    expect(fault.expect).toBe({ "type-error": "build", "missing-export": "build", "render-exception": "routes", "console-error": "routes", "dead-link": "links", "failing-test": "tests" }[kind]);
  });
});
