/** @module The system and user prompts of every agent task, for LLM models. */
import type { AgentTask, AgentTasks } from "./types.ts";

/** A prompt pair. */
export interface Prompt {
  system: string;
  user: string;
}

const JSON_ONLY = "Answer with one JSON object matching the given schema, nothing else.";
const json = (value: unknown) => JSON.stringify(value, null, 1);
/** Keeps prompts bounded: long file contents are cut with a marker. */
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max)}\n… [${text.length - max} more characters]`);

const builders: { [T in AgentTask]: (input: AgentTasks[T]["input"]) => Prompt } = {
  clarify: (input) => ({
    system: [
      "You are the research agent of CodeForge, an AI product studio that turns an idea into a web app.",
      "Decide whether the user's idea is specific enough to write requirements: who uses the app and what they mainly do in it.",
      "Ask at most 4 short questions only when the idea leaves those open; give 2-5 answer options per question where that helps.",
      "Question ids are short snake_case words. When the idea is clear enough, set needs_clarification to false and questions to [].",
      JSON_ONLY,
    ].join("\n"),
    user: `Idea: ${input.user_idea}`,
  }),
  research: (input) => ({
    system: [
      "You are the research agent of CodeForge. Write the requirements document of a web app for the user's idea.",
      "app_name: short and brandable. elevator_pitch: 1-3 sentences (20-500 characters).",
      "target_audience: 2-4 personas whose roles follow from the domain (e.g. a dog walker and a dog owner for a dog walkers' CRM).",
      "core_features: 4-8 features with MoSCoW priorities, at least two must-have. recommended_stack: React, TypeScript, Vite, Supabase unless the idea needs otherwise.",
      "The user's answers to clarification questions are binding: reflect every one of them.",
      JSON_ONLY,
    ].join("\n"),
    user: [
      `Idea: ${input.user_idea}`,
      ...(input.answers?.length ? ["Answers to clarification questions:", ...input.answers.map((a) => `- ${a.question ?? a.question_id}: ${a.answer}`)] : []),
      ...(input.documents?.length ? ["Attached documents:", ...input.documents.map((doc) => clip(doc, 4000))] : []),
    ].join("\n"),
  }),
  wireframe: (input) => ({
    system: [
      "You are the wireframe agent of CodeForge. Design the site map of a React single-page app from the requirements.",
      "Build on the reference architecture patterns given: reuse their pages and components where they fit the requirements, rename them to the domain, and add what the requirements need beyond them.",
      "Paths are react-router paths (/, /clients, /clients/:id). Component names are PascalCase; props are camelCase names; children are names of other components.",
      "global_state_needs: the data shared across pages. theme_colors: 3-5 hex colours (#rrggbb), primary first.",
      JSON_ONLY,
    ].join("\n"),
    user: [
      `Project type: ${input.project_type}`,
      `Requirements:\n${json(input.requirements)}`,
      input.patterns.length
        ? `Reference patterns (nearest first):\n${json(input.patterns.map((p) => ({ type: p.project_type, similarity: p.similarity, ...p.metadata })))}`
        : "No reference pattern was found; design from the requirements alone.",
      ...(input.revisions?.length ? [`The owner reviewed an earlier design and asked for these changes (apply every one):\n${input.revisions.map((r) => `- ${r}`).join("\n")}`] : []),
    ].join("\n\n"),
  }),
  code: (input) => ({
    system: [
      "You are the code agent of CodeForge. Write one file of a Vite + React 19 + TypeScript (strict) + react-router-dom 7 app.",
      "The app must build with `tsc --noEmit && vite build`: import only files of the plan (extensionless relative paths) and the packages in package.json.",
      "Use named exports as the plan says. No placeholder comments: write working code with realistic sample data.",
      "file_path must be exactly the planned path; explanation says in 1-2 sentences what the file does.",
      JSON_ONLY,
    ].join("\n"),
    user: [
      `Write ${input.file.path} (${input.file.kind}${input.file.exportName ? `, export ${input.file.exportName}` : ""}${input.file.route ? `, route ${input.file.route}` : ""}): ${input.file.purpose}`,
      `Plan of the whole app:\n${input.plan.map((f) => `- ${f.path}${f.exportName ? ` exports ${f.exportName}` : ""}: ${f.purpose}`).join("\n")}`,
      `Requirements:\n${json({ app_name: input.requirements.app_name, elevator_pitch: input.requirements.elevator_pitch, core_features: input.requirements.core_features })}`,
      `Wireframe:\n${json(input.wireframe)}`,
      ...(input.revisions?.length ? [`The owner reviewed an earlier version and asked for these changes (apply those that concern this file):\n${input.revisions.map((r) => `- ${r}`).join("\n")}`] : []),
      ...(input.change
        ? [`Change to make: ${input.change.instruction}`, `Current ${input.file.path}:\n${clip(input.change.current, 12000)}`, "Return the whole file with the change applied and everything else kept."]
        : []),
    ].join("\n\n"),
  }),
  qa: (input) => ({
    system: [
      "You are the QA agent of CodeForge. Review a generated Vite + React + TypeScript app against its requirements and site map.",
      "Static checks (parser, import resolution, type checker) already ran; their findings are listed: do not repeat them.",
      "Report what they cannot see: missing must-have features, routes without pages, broken user flows, accessibility, security. Name the file in each description.",
      "Use critical only for defects that break the app or a must-have feature. passed is false when any issue is critical.",
      JSON_ONLY,
    ].join("\n"),
    user: [
      input.idea ? `The user's idea, as written: ${input.idea}` : "",
      input.requirements ? `Requirements:\n${json(input.requirements)}` : "",
      input.wireframe ? `Site map: ${input.wireframe.site_map.map((page) => page.path).join(", ")}` : "",
      `Static check findings:\n${input.findings.length ? input.findings.map((f) => `- ${f.severity} ${f.file}${f.line ? `:${f.line}` : ""} ${f.message}`).join("\n") : "(none)"}`,
      `Files:\n${input.files.map((file) => `--- ${file.path}\n${clip(file.content, 6000)}`).join("\n")}`,
    ].filter(Boolean).join("\n\n"),
  }),
  pedagogy: (input) => ({
    system: [
      "You are the pedagogy agent of CodeForge's Student mode: the student builds the app themselves and chooses how.",
      "Offer 2-4 concrete ways to implement the topic in this project, each with pros, cons, a difficulty and what the student learns.",
      "Option ids are short kebab-case. The recommendation names one option id and says why it fits this student's skill level.",
      JSON_ONLY,
    ].join("\n"),
    user: [
      `Topic: ${input.topic}`,
      `Skill level: ${input.skill_level}`,
      input.requirements ? `Project: ${input.requirements.app_name}: ${input.requirements.elevator_pitch}` : "",
      input.wireframe ? `Pages: ${input.wireframe.site_map.map((page) => page.path).join(", ")}` : "",
      input.history?.length ? `Conversation so far (continue it; do not repeat what was settled):\n${input.history.map((turn) => `${turn.role === "user" ? "Student" : "Mentor"}: ${clip(turn.content, 1500)}`).join("\n")}` : "",
    ].filter(Boolean).join("\n"),
  }),
  roadmap: (input) => ({
    system: [
      "You are the roadmap agent of CodeForge's Student mode. Plan a curriculum in which the student builds this app step by step.",
      "Modules in build order, each with concrete steps that produce part of the app, estimated_hours in (0, 100], prerequisites naming earlier module titles.",
      "total_estimated_hours is the sum of the modules' hours (at most 500). Pace and depth follow the skill level.",
      JSON_ONLY,
    ].join("\n"),
    user: [
      `Skill level: ${input.skill_level}`,
      input.hours_per_week ? `Hours per week: ${input.hours_per_week}` : "",
      `Requirements:\n${json(input.requirements)}`,
      input.wireframe ? `Site map:\n${json(input.wireframe.site_map.map((page) => ({ path: page.path, description: page.description })))}` : "",
    ].filter(Boolean).join("\n\n"),
  }),
  docs: (input) => ({
    system: [
      "You are the docs agent of CodeForge. Write accurate Markdown documentation from the source files given; document only what the code does.",
      input.file_path
        ? `Document the file ${input.file_path}: its purpose, then every export with its signature and behaviour. path must be docs/<file path without extension>.md.`
        : "Write the project's README: what the app is, how to install and run it (from package.json scripts), its routes, its structure and the API of its source files. path must be README.md.",
      "title: the document's title. summary: one or two sentences.",
      JSON_ONLY,
    ].join("\n"),
    user: [
      input.app_name ? `App: ${input.app_name}${input.description ? ` — ${input.description}` : ""}` : "",
      ...(input.file_path ? input.files.filter((file) => file.path === input.file_path) : input.files)
        .map((file) => `--- ${file.path} (${file.language})\n${clip(file.content, input.file_path ? 20_000 : 3_000)}`),
    ].filter(Boolean).join("\n\n"),
  }),
  explain: (input) => ({
    system: [
      "You are the explain agent of CodeForge. Explain the selected lines of a source file to the developer who selected them: what they do, why, and how they fit the rest of the file.",
      "answer: Markdown, concise, referring to names in the code; answer the question when one is asked. summary: one sentence. symbols: the names the answer explains.",
      JSON_ONLY,
    ].join("\n"),
    user: [
      `File ${input.file_path} (${input.language}), lines ${input.line_start}-${input.line_end} selected.`,
      input.question ? `Question: ${input.question}` : "Question: what do these lines do?",
      `Selected lines:\n${input.content.split("\n").slice(input.line_start - 1, input.line_end).join("\n")}`,
      `Whole file:\n${clip(input.content, 12_000)}`,
    ].join("\n\n"),
  }),
};

/**
 * The prompts of task `task` for `input`.
 * @example promptFor("research", { user_idea: "A CRM for dog walkers" }).system
 */
export function promptFor<T extends AgentTask>(task: T, input: AgentTasks[T]["input"]): Prompt {
  return builders[task](input);
}
