/** @module Contracts of refactor jobs (docs/architecture.md#review-gates-history-and-refactoring): the four kinds of request, the proposal, its check, and apply. */
import { z } from "zod";
import { Uuid } from "./common.ts";
import { FilePath } from "./file-path.ts";

/** An identifier as TypeScript spells one. */
const Identifier = z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]{0,99}$/, "expected an identifier such as WalkList or formatDate");
/** A React component's name: an identifier starting with a capital. */
const ComponentName = z.string().regex(/^[A-Z][A-Za-z0-9_$]{0,99}$/, "expected a component name starting with a capital, such as ClientForm");
/** A TypeScript or JavaScript source file. */
const ScriptPath = FilePath.refine((path) => /\.(tsx?|jsx?|mts|cts|mjs|cjs)$/.test(path), "expected a .ts, .tsx, .js or .jsx file");
const JsxPath = FilePath.refine((path) => /\.(tsx|jsx)$/.test(path), "expected a .tsx or .jsx file");
const Scope = z.strictObject({ paths: z.array(FilePath).min(1).max(500).optional() });
const Line = z.number().int().min(1).max(1_000_000);

/** Rename `symbol` to `options.rename_to` across the project (or `scope.paths`), by syntax tree. `kind` may be left out. */
export const RenameSymbolRequest = z.strictObject({
  project_id: Uuid,
  kind: z.literal("rename_symbol").optional(),
  symbol: Identifier,
  scope: Scope.default({}),
  options: z.strictObject({ rename_to: Identifier }),
  /** Why, kept in the job's log. */
  instruction: z.string().trim().max(2000).optional(),
});

/** Move the file at `path` to `to_path`; every import of it (and its own relative imports) is rewritten. */
export const RenameFileRequest = z.strictObject({
  project_id: Uuid,
  kind: z.literal("rename_file"),
  path: ScriptPath,
  to_path: ScriptPath,
});

/**
 * The JSX to extract: the outermost element spanning exactly lines
 * `start_line`–`end_line` (1-based), or the `occurrence`-th element whose tag is `tag`
 * (`form`, `ClientTable`, `motion.div`) in source order.
 */
export const ExtractTarget = z.union([
  z.strictObject({ start_line: Line, end_line: Line }).refine((t) => t.start_line <= t.end_line, { message: "end_line must not be before start_line", path: ["end_line"] }),
  z.strictObject({ tag: z.string().regex(/^[A-Za-z][A-Za-z0-9_$.-]{0,99}$/, "expected a JSX tag such as form or ClientTable"), occurrence: z.number().int().min(1).max(1000).default(1) }),
]);
export type ExtractTarget = z.infer<typeof ExtractTarget>;

/**
 * Extract a JSX element of `path` into the component `component_name` in its own
 * file (`to_path`, default beside `path` as `<component_name>.tsx`), imported back;
 * the local names it uses become its props.
 */
export const ExtractComponentRequest = z.strictObject({
  project_id: Uuid,
  kind: z.literal("extract_component"),
  path: JsxPath,
  target: ExtractTarget,
  component_name: ComponentName,
  to_path: JsxPath.optional(),
});

/** A free instruction for the configured model ("extract the client form into its own component"); needs a model. */
export const InstructionRequest = z.strictObject({
  project_id: Uuid,
  kind: z.literal("instruction"),
  instruction: z.string().trim().min(3).max(2000),
  scope: Scope.default({}),
});

/** Body of `POST /refactor`: one of the four kinds. The rename checks that the names differ, the file move that the paths do. */
export const RefactorRequest = z
  .discriminatedUnion("kind", [RenameSymbolRequest, RenameFileRequest, ExtractComponentRequest, InstructionRequest])
  .superRefine((body, ctx) => {
    if (body.kind === undefined || body.kind === "rename_symbol") {
      if (body.symbol === body.options.rename_to) ctx.addIssue({ code: "custom", message: "rename_to must differ from symbol", path: ["options", "rename_to"] });
    } else if (body.kind === "rename_file" && body.path === body.to_path) {
      ctx.addIssue({ code: "custom", message: "to_path must differ from path", path: ["to_path"] });
    }
  });
export type RefactorRequest = z.infer<typeof RefactorRequest>;
/** A refactor job's `params`: the request without its project. */
export type RefactorParams = DistributiveOmit<RefactorRequest, "project_id">;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * One file edit of a refactor proposal. `modify` and `delete` carry the version
 * and sha256 of the file they were made from (checked on apply); `create` has
 * none and is refused on apply if the path exists by then.
 */
export const ProposalEdit = z.strictObject({
  path: z.string(),
  action: z.enum(["modify", "create", "delete"]),
  base_version: z.number().int().nullable(),
  base_hash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  /** The whole new file; null for `delete`. */
  new_content: z.string().nullable(),
  /** Identifiers renamed, imports rewritten, or lines changed. */
  occurrences: z.number().int().min(0),
});
export type ProposalEdit = z.infer<typeof ProposalEdit>;

/** A problem the proposal's check found that the project did not have before. */
export const ProposalFinding = z.strictObject({
  check: z.string(),
  file: z.string(),
  line: z.number().int().optional(),
  message: z.string(),
});
export type ProposalFinding = z.infer<typeof ProposalFinding>;

/**
 * What the proposal was checked with before it was shown: parse, import
 * resolution from the app's entry (as the bundler does) and the TypeScript
 * checker, over the project with the proposal applied, then (where a sandbox
 * runner is configured) a sandbox run with and without it. `passed` is false when
 * that adds any critical finding or sandbox failure; such a proposal cannot be applied.
 */
export const ProposalCheck = z.strictObject({
  passed: z.boolean(),
  type_checked: z.boolean(),
  findings: z.array(ProposalFinding),
  /** The sandbox run of the project with the proposal against one without it: `failed` when the proposal adds failures; `not_run` when no runner took it in time. Absent where no sandbox runner is configured. */
  sandbox: z.enum(["passed", "failed", "not_run"]).optional(),
});
export type ProposalCheck = z.infer<typeof ProposalCheck>;

/** A refactor job's `result.proposal`. */
export const RefactorProposal = z.strictObject({
  summary: z.string(),
  edits: z.array(ProposalEdit),
  check: ProposalCheck.optional(),
});
export type RefactorProposal = z.infer<typeof RefactorProposal>;

/** Body of `POST /refactor/{job_id}/apply`: the accepted files (default all of them). */
export const ApplyRefactorRequest = z.strictObject({
  paths: z.array(FilePath).min(1).max(500).optional(),
});
export type ApplyRefactorRequest = z.infer<typeof ApplyRefactorRequest>;
