// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { Lookup, StudioModel } from "../../data/studio.ts";
import { StudioOrderForm } from "./index.tsx";

afterEach(cleanup);

const model: StudioModel = {
  id: "m1",
  provider_id: "offline",
  model_id: "pattern-v1",
  name: "Offline pattern renderer",
  modality: "text-to-image",
  providers: { name: "Offline", is_enabled: true },
  parameter_schema: {
    type: "object",
    properties: {
      prompt: { type: "string", title: "Prompt" },
      width: { type: "integer", minimum: 64, maximum: 1024, multipleOf: 64, title: "Width", "x-lookup": "image_sizes" },
      height: { type: "integer", minimum: 64, maximum: 512, multipleOf: 64, title: "Height", "x-lookup": "image_sizes" },
      seed: { type: "integer", title: "Seed" },
    },
    required: ["prompt"],
  },
};
const lookups: Lookup[] = [{ key: "image_sizes", values: [256, 512, 768, 1000, 1024], category: "size" }];

/** The picks under a field (their group is named "Usual values", not after the field, so the field's label stays unique). */
const picksOf = (label: string) => within(screen.getByLabelText(label).closest(".field") as HTMLElement).queryByRole("group", { name: "Usual values" });

const renderForm = () =>
  render(<StudioOrderForm projectId="p1" models={[model]} lookups={lookups} templates={[]} onPlaced={() => {}} onTemplateSaved={() => {}} />);

describe("StudioOrderForm lookups", () => {
  it("offers a parameter's lookup values the schema accepts, as picks that fill the field and count items", () => {
    renderForm();
    const widths = picksOf("Width")!;
    // 1000 is no multiple of 64; height stops at 512.
    expect(within(widths).getAllByRole("button").map((button) => button.textContent)).toEqual(["256", "512", "768", "1024"]);
    expect(within(picksOf("Height")!).getAllByRole("button").map((button) => button.textContent)).toEqual(["256", "512"]);
    expect(picksOf("Seed")).toBeNull();

    fireEvent.change(screen.getByLabelText("Prompt (required)"), { target: { value: "a fox" } });
    fireEvent.click(within(widths).getByRole("button", { name: "512" }));
    fireEvent.click(within(widths).getByRole("button", { name: "1024" }));
    expect((screen.getByLabelText("Width") as HTMLInputElement).value).toBe("512, 1024");
    expect(within(widths).getByRole("button", { name: "512" }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByTestId("item-count").textContent).toBe("2 items");

    fireEvent.click(within(widths).getByRole("button", { name: "512" }));
    expect((screen.getByLabelText("Width") as HTMLInputElement).value).toBe("1024");
    expect(within(widths).getByRole("button", { name: "512" }).getAttribute("aria-pressed")).toBe("false");
    expect(screen.getByTestId("item-count").textContent).toBe("1 item");
  });

  it("shows no picks when the lookups are not loaded", () => {
    render(<StudioOrderForm projectId="p1" models={[model]} lookups={[]} templates={[]} onPlaced={() => {}} onTemplateSaved={() => {}} />);
    expect(screen.queryAllByRole("group")).toHaveLength(0);
  });
});
