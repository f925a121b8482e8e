// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { offlinePedagogy } from "../../../../shared/offline/index.ts";
import { ChoiceFramework } from "./index.tsx";

afterEach(cleanup);
const framework = offlinePedagogy({ topic: "Where should I store the walks?", skill_level: "beginner" });

describe("ChoiceFramework", () => {
  it("shows every option with its difficulty, pros and cons, and picks one by its button", () => {
    const onChoose = vi.fn();
    render(<ChoiceFramework framework={framework} onChoose={onChoose} />);
    const cards = within(screen.getByRole("list", { name: "Options" })).getAllByRole("listitem", { name: /, (Beginner|Intermediate|Advanced)$/ });
    expect(cards.map((card) => card.getAttribute("aria-label"))).toEqual(framework.options.map((o) => `${o.title}, ${o.difficulty[0]!.toUpperCase()}${o.difficulty.slice(1)}`));
    const second = framework.options[1]!;
    for (const text of [...second.pros, ...second.cons]) expect(within(cards[1]!).getByText(text)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: `Choose ${second.title}` }));
    expect(onChoose).toHaveBeenCalledWith(second);
  });

  it("marks the option chosen and offers no other once one is", () => {
    render(<ChoiceFramework framework={framework} chosen={framework.options[0]!.id} onChoose={vi.fn()} />);
    expect(screen.getByText("Your choice").closest("li")!.getAttribute("aria-label")).toMatch(/^localStorage/);
    expect(screen.queryAllByRole("button")).toEqual([]);
  });
});
