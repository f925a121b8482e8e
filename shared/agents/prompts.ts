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
};

/**
 * The prompts of task `task` for `input`.
 * @example promptFor("research", { user_idea: "A CRM for dog walkers" }).system
 */
export function promptFor<T extends AgentTask>(task: T, input: AgentTasks[T]["input"]): Prompt {
  return builders[task](input);
}
