// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Roadmap } from "../../data/roadmaps.ts";
import { RoadmapModules } from "./index.tsx";

afterEach(cleanup);

const module = (title: string, steps: string[], is_locked?: boolean) => ({ title, description: "", steps, estimated_hours: 2, prerequisites: [], ...(is_locked === undefined ? {} : { is_locked }) });
const roadmap = (modules: Roadmap["modules"], current: number, extra: Partial<Roadmap> = {}): Roadmap =>
  ({ id: "r1", title: null, description: null, skill_level: null, total_estimated_hours: null, modules, current_step_index: current, created_at: "", ...extra });
const labels = () => screen.getAllByRole("listitem", { name: /^Module/ }).map((item) => item.getAttribute("aria-label"));

describe("RoadmapModules", () => {
  it("shows the stored locks, the roadmap's level and hours, and marks the current step done", () => {
    const onDone = vi.fn();
    const stored = roadmap([module("Set up", ["Install"], false), module("Pages", ["Route"], false), module("Deploy", ["Ship"], true)], 1, { title: "Build it", skill_level: "advanced", total_estimated_hours: 6 });
    render(<RoadmapModules roadmap={stored} onDone={onDone} />);
    expect(labels()).toEqual(["Module 1", "Module 2", "Module 3 (locked)"]);
    expect(screen.getByLabelText("About this roadmap").textContent).toBe("Build it Level: Advanced 6 h in all");
    fireEvent.click(screen.getByRole("button", { name: "Mark step 2 done" }));
    expect(onDone).toHaveBeenCalledWith(1);
  });

  it("derives the locks from progress on an older roadmap that stored none, and offers no step of a locked module", () => {
    render(<RoadmapModules roadmap={roadmap([module("Set up", ["Install", "Run"]), module("Pages", ["Route"])], 1)} onDone={vi.fn()} />);
    expect(labels()).toEqual(["Module 1", "Module 2 (locked)"]);
    expect(screen.queryByLabelText("About this roadmap")).toBeNull();
    expect(screen.getAllByRole("button").map((b) => b.textContent)).toEqual(["Mark step 2 done"]);
  });
});
