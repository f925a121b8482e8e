// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectionStatus } from "./index.tsx";

afterEach(cleanup);

describe("ConnectionStatus", () => {
  it("says live, reconnecting (and following over HTTP meanwhile) or offline", () => {
    const { rerender } = render(<ConnectionStatus status="live" />);
    expect(screen.getByRole("status").textContent).toBe("●Live");
    rerender(<ConnectionStatus status="reconnecting" viaStream />);
    expect(screen.getByRole("status").textContent).toBe("○Reconnecting… following over HTTP");
    rerender(<ConnectionStatus status="offline" viaStream />);
    expect(screen.getByRole("status").textContent).toBe("○Offline");
  });
});
