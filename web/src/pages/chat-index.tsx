/** @module The chat view with no thread open. */
import { EmptyState } from "../components/empty-state/index.tsx";

export function Component() {
  return (
    <EmptyState title="Talk to the agents">
      Start a new chat and describe the app you want: the agents build it here, step by step, and you can ask for changes afterwards.
    </EmptyState>
  );
}
