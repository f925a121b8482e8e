/** @module "Fix this" on the live preview: an error the owner's preview threw, as the code agent's change request. */
import type { PreviewError } from "../protocol/index.ts";

const KIND_WORDS: Record<PreviewError["kind"], string> = {
  uncaught: "threw an uncaught exception",
  rejection: "had an unhandled promise rejection",
  render: "failed to render",
};

/** Most of the instruction the stack may take (a job's instruction holds 5000 characters). */
const MAX_STACK = 2_700;

/** The instruction for the code agent: what the running app did, the message and the stack that say where. */
export function previewFixInstruction(error: PreviewError): string {
  const stack = error.stack?.trim();
  const cut = stack && stack.length > MAX_STACK ? `${stack.slice(0, MAX_STACK - 1)}…` : stack;
  return [
    `The app's live preview ${KIND_WORDS[error.kind]}. Fix the cause in the files; change only what is needed.`,
    `Error: ${error.message}`,
    ...(cut ? [`Stack:\n${cut}`] : []),
  ].join("\n");
}

/** The job's short request text (its `input_context.user_idea`). */
export const previewFixTitle = (error: PreviewError) => `Fix the preview error: ${error.message}`.slice(0, 300);
