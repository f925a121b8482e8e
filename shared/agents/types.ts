/** @module The agents' inputs and the seam every model implements (`AgentModel`): the offline engine or an LLM. */
import { z } from "zod";
import {
  ClarificationQuestion,
  type ChoiceFramework,
  type ClarificationResponse,
  type CodeGenerationResult,
  type DocsResult,
  type ExplainResult,
  type FidelityKind,
  type LearningRoadmap,
  type QACheck,
  type QAResult,
  type RequirementsDoc,
  type SkillLevel,
  type WireframeSpec,
} from "../protocol/index.ts";

/** A clarification answer with the question it answers, when known. */
export interface AnsweredQuestion extends ClarificationResponse {
  question?: string;
}

/** What the research agent starts from. */
export interface ResearchInput {
  user_idea: string;
  /** Answers to the agent's clarification questions, once the user gave them. */
  answers?: AnsweredQuestion[];
  /** Text of documents the user attached to the project (`project_documents`). */
  documents?: string[];
}

/** An architecture pattern as `match_patterns` returns it (`metadata` as seeded from `shared/patterns`). */
export interface RetrievedPattern {
  id?: string;
  project_type: string;
  similarity?: number;
  success_score?: number | null;
  metadata: {
    name: string;
    summary?: string;
    pages?: { path: string; purpose: string }[];
    components?: string[];
    entities?: string[];
    stack?: string[];
    [key: string]: unknown;
  };
}

/** What the wireframe agent starts from: the requirements and the nearest patterns of the project's type. */
export interface WireframeInput {
  requirements: RequirementsDoc;
  project_type: string;
  patterns: RetrievedPattern[];
  /** Changes the owner asked for in design review, oldest first: the site map must reflect them. */
  revisions?: string[];
}

/** One file the code agent writes, as planned from the wireframe. */
export interface PlannedFile {
  path: string;
  language: string;
  /** What the file is for, in a sentence: the prompt for an LLM, the template key for the offline engine. */
  purpose: string;
  kind: "config" | "entry" | "app" | "page" | "component" | "data" | "style" | "test";
  /** The route a page file renders. */
  route?: string;
  /** The named export other files import from it. */
  exportName?: string;
}

/** What the code agent writes one file from. */
export interface CodeFileInput {
  requirements: RequirementsDoc;
  wireframe: WireframeSpec;
  /** Every file of the app, so imports between them agree. */
  plan: PlannedFile[];
  file: PlannedFile;
  /** Changes the owner asked for in feature review, oldest first. */
  revisions?: string[];
  /** A follow-up change to an existing file: write the whole file with `instruction` applied to `current`. */
  change?: { instruction: string; current: string };
}

/** A file as it is stored in `project_files`. */
export interface ProjectFile {
  path: string;
  content: string;
  language: string;
}

/** One problem the static checks found; `line` is 1-based. */
export interface CheckFinding {
  severity: "critical" | "warning" | "info";
  check: QACheck;
  /** For a fidelity finding: what it is about, and the record or route it names. */
  kind?: FidelityKind;
  subject?: string;
  file: string;
  line?: number;
  column?: number;
  message: string;
  suggestion: string;
}

/** What the QA agent's reviewer (LLM or offline) sees. */
export interface QaReviewInput {
  /** The idea as the user wrote it, so QA can tell whether the requirements cover what it names. */
  idea?: string;
  requirements?: RequirementsDoc;
  wireframe?: WireframeSpec;
  files: ProjectFile[];
  /** The static checks' findings, so the review does not repeat them. */
  findings: CheckFinding[];
}

/** What the pedagogy agent explains: a decision in the student's project. */
export interface PedagogyInput {
  /** The step or decision, e.g. "store the walks" or "state management". */
  topic: string;
  skill_level: SkillLevel;
  requirements?: RequirementsDoc;
  wireframe?: WireframeSpec;
  /** The mentor conversation before this question, oldest first. */
  history?: MentorTurn[];
}

/** One message of a Student-mode mentor session (`daily_sessions.transcript`). */
export interface MentorTurn {
  role: "user" | "mentor";
  content: string;
}

/** What the roadmap agent plans a curriculum from. */
export interface RoadmapInput {
  skill_level: SkillLevel;
  requirements: RequirementsDoc;
  wireframe?: WireframeSpec;
  /** Hours a week the student has; shapes module sizes. */
  hours_per_week?: number;
}

/** What the docs agent documents: the project (a README) or, with `file_path`, one file. */
export interface DocsInput {
  files: ProjectFile[];
  file_path?: string;
  app_name?: string;
  description?: string;
}

/** What the explain agent explains: lines `line_start`..`line_end` (1-based, inclusive) of a file, with the asker's question. */
export interface ExplainInput {
  file_path: string;
  language: string;
  content: string;
  line_start: number;
  line_end: number;
  question?: string;
}

/** The research agent's first step: questions when the idea is too vague, none otherwise. */
export const ClarificationRequest = z.strictObject({
  needs_clarification: z.boolean(),
  reason: z.string(),
  questions: z.array(ClarificationQuestion).max(5),
});
export type ClarificationRequest = z.infer<typeof ClarificationRequest>;

/** Every task a model does, with its input and validated output. */
export interface AgentTasks {
  clarify: { input: ResearchInput; output: ClarificationRequest };
  research: { input: ResearchInput; output: RequirementsDoc };
  wireframe: { input: WireframeInput; output: WireframeSpec };
  code: { input: CodeFileInput; output: CodeGenerationResult };
  qa: { input: QaReviewInput; output: QAResult };
  pedagogy: { input: PedagogyInput; output: ChoiceFramework };
  roadmap: { input: RoadmapInput; output: LearningRoadmap };
  docs: { input: DocsInput; output: DocsResult };
  explain: { input: ExplainInput; output: ExplainResult };
}
export type AgentTask = keyof AgentTasks;

/** Where an answer came from: the UI shows offline output as such. */
export type AnswerSource = "offline" | "llm";

/** How a call runs: cancellation and the live text of the answer. */
export interface AgentContext {
  signal?: AbortSignal;
  /** Receives the answer's text as it is written (LLM tokens, or the offline engine's JSON). */
  onToken?: (delta: string) => void;
}

/** Tokens and money one or more calls cost. */
export interface AgentUsage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** A model's validated answer to one task. */
export interface AgentAnswer<T> {
  output: T;
  usage: AgentUsage;
  source: AnswerSource;
  /** The model that answered, e.g. `gpt-4.1-mini` or `codeforge-offline-1`. */
  model: string;
}

/**
 * The seam between the agents and what writes their answers. Two
 * implementations: `createLlmAgentModel(provider)` (prompts + structured
 * output) and `createOfflineAgentModel()` (the deterministic offline engine).
 */
export interface AgentModel {
  readonly name: string;
  readonly source: AnswerSource;
  run<T extends AgentTask>(task: T, input: AgentTasks[T]["input"], context?: AgentContext): Promise<AgentAnswer<AgentTasks[T]["output"]>>;
}

/** No usage: what the offline engine costs. */
export const zeroUsage = (): AgentUsage => ({ inputTokens: 0, outputTokens: 0, costUsd: 0 });

/** Sum of several calls' usage. */
export function addUsage(...parts: AgentUsage[]): AgentUsage {
  return parts.reduce(
    (sum, part) => ({
      inputTokens: sum.inputTokens + part.inputTokens,
      outputTokens: sum.outputTokens + part.outputTokens,
      costUsd: Math.round((sum.costUsd + part.costUsd) * 1e10) / 1e10,
    }),
    zeroUsage(),
  );
}
