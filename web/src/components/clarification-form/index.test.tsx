// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ClarificationForm } from "./index.tsx";

afterEach(cleanup);

const questions = [
  { id: "users", question: "Who uses it?", options: ["Dog walkers", "Pet owners"] },
  { id: "name", question: "What is it called?", options: null },
];

describe("ClarificationForm", () => {
  it("shows which questions lack an answer and sends nothing", async () => {
    const onSubmit = vi.fn(async () => null);
    render(<ClarificationForm questions={questions} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole("button", { name: "Send answers and continue" }));
    expect(await screen.findByText("Choose one of the options.")).toBeTruthy();
    expect(screen.getByRole("group", { name: "Who uses it?" }).getAttribute("aria-describedby")).toBe("q-users-error");
    expect(screen.getByLabelText("What is it called?").getAttribute("aria-invalid")).toBe("true");
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("sends the chosen option and the typed answer, and shows the server's refusal in words", async () => {
    const onSubmit = vi.fn(async () => "The job is completed, not waiting for input.");
    render(<ClarificationForm questions={questions} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByLabelText("Pet owners"));
    fireEvent.change(screen.getByLabelText("What is it called?"), { target: { value: "  Walkies  " } });
    fireEvent.click(screen.getByRole("button", { name: "Send answers and continue" }));
    expect((await screen.findByRole("alert")).textContent).toContain("not waiting for input");
    expect(onSubmit).toHaveBeenCalledWith({ responses: [{ question_id: "users", answer: "Pet owners" }, { question_id: "name", answer: "Walkies" }] });
  });
});
