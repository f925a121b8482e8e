/** @module The offline pedagogy agent: for a decision in the student's project, options with trade-offs from a curated catalogue. */
import type { PedagogyInput } from "../agents/types.ts";
import type { ChoiceFramework, ImplementationOption, SkillLevel } from "../protocol/index.ts";
import { analyseIdea } from "./idea.ts";
import { plural } from "./text.ts";

type Option = Omit<ImplementationOption, "title" | "educational_value"> & { title: string; educational_value: string };
interface Topic {
  keys: RegExp;
  context: string;
  options: Option[];
}

/** Curated topics: `{records}` becomes the project's records (e.g. "walks"), `{app}` its name. */
const TOPICS: Topic[] = [
  {
    keys: /state\b|global|context|redux|zustand|share/i,
    context: "How {app} keeps {records} in memory and shares them between pages.",
    options: [
      { id: "use-state", title: "useState in each page, props down", pros: ["Nothing new to install", "Data flow is easy to follow"], cons: ["Pages do not share changes", "Prop drilling grows with the app"], difficulty: "beginner", educational_value: "Learn React's core model: state, props and re-rendering." },
      { id: "context-reducer", title: "Context + useReducer for {records}", pros: ["One source of truth for all pages", "Actions make changes explicit"], cons: ["More boilerplate", "Every consumer re-renders on change"], difficulty: "intermediate", educational_value: "Learn reducers, actions and React context, the ideas behind most state libraries." },
      { id: "zustand", title: "A Zustand store", pros: ["Tiny API", "Components subscribe to just what they use"], cons: ["An extra dependency", "Less structure than a reducer"], difficulty: "intermediate", educational_value: "Learn external stores and selector-based subscriptions." },
      { id: "tanstack-query", title: "Server state with TanStack Query over Supabase", pros: ["Caching, refetching and loading states for free", "The database stays the source of truth"], cons: ["Needs a backend first", "New concepts: query keys, invalidation"], difficulty: "advanced", educational_value: "Learn the split between server state and UI state that production apps rely on." },
    ],
  },
  {
    keys: /data|database|persist|save|stor(e|age)|backend|supabase|api\b|sync/i,
    context: "Where {app} stores {records} so they survive a reload and reach other devices.",
    options: [
      { id: "local-storage", title: "localStorage in the browser", pros: ["Works offline, no account", "Five lines of code"], cons: ["One device only", "No sharing, easy to lose"], difficulty: "beginner", educational_value: "Learn serialisation (JSON) and effects that sync state to storage." },
      { id: "supabase-client", title: "Supabase tables queried from the app, protected by RLS", pros: ["Real database, multi-device", "Row Level Security keeps each user's {records} private"], cons: ["Needs an account and schema design", "Network errors to handle"], difficulty: "intermediate", educational_value: "Learn SQL tables, foreign keys, row-level security and async data loading." },
      { id: "edge-functions", title: "An API of Supabase Edge Functions in front of the tables", pros: ["Business rules run on the server", "Secrets never reach the browser"], cons: ["More moving parts", "Deployments to manage"], difficulty: "advanced", educational_value: "Learn API design, validation at the boundary and server-side authorisation." },
    ],
  },
  {
    keys: /rout|page|navigat|url|link/i,
    context: "How {app} maps URLs such as /{records} to pages.",
    options: [
      { id: "routes-jsx", title: "<Routes> and <Route> in App.tsx", pros: ["All pages visible in one file", "Standard react-router pattern"], cons: ["Data loading stays inside components"], difficulty: "beginner", educational_value: "Learn client-side routing, URL parameters and nested layouts." },
      { id: "data-router", title: "createBrowserRouter with loaders and actions", pros: ["Data loads before the page renders", "Errors handled per route"], cons: ["More concepts at once"], difficulty: "intermediate", educational_value: "Learn route loaders, actions and error boundaries." },
      { id: "typed-routes", title: "Type-safe routes (TanStack Router)", pros: ["Links and params checked by TypeScript"], cons: ["Another library and its conventions"], difficulty: "advanced", educational_value: "Learn how types can guarantee every link points to a real page." },
    ],
  },
  {
    keys: /style|css|design|theme|look|ui\b|layout|tailwind/i,
    context: "How {app} is styled, from colours to layout.",
    options: [
      { id: "css-variables", title: "One stylesheet with CSS variables", pros: ["No tooling", "Theme colours in one place"], cons: ["Global names can clash as it grows"], difficulty: "beginner", educational_value: "Learn the cascade, custom properties and flex/grid layout." },
      { id: "css-modules", title: "CSS Modules per component", pros: ["Scoped class names", "Styles live beside components"], cons: ["More files"], difficulty: "intermediate", educational_value: "Learn component-scoped styling and how bundlers rewrite class names." },
      { id: "tailwind", title: "Tailwind CSS utility classes", pros: ["Fast to iterate", "Consistent spacing and colours"], cons: ["Long class lists", "A build plugin to configure"], difficulty: "intermediate", educational_value: "Learn design tokens and utility-first CSS." },
    ],
  },
  {
    keys: /form|input|valid|edit|add\b|create/i,
    context: "How {app}'s forms for {records} read input and validate it.",
    options: [
      { id: "controlled", title: "Controlled inputs with useState", pros: ["Every keystroke in state", "No library"], cons: ["Validation written by hand"], difficulty: "beginner", educational_value: "Learn controlled components and form events." },
      { id: "react-hook-form-zod", title: "react-hook-form with a zod schema", pros: ["Validation declared once", "Good performance on big forms"], cons: ["Two libraries to learn"], difficulty: "intermediate", educational_value: "Learn schema validation and uncontrolled inputs." },
      { id: "server-validation", title: "Validate again on the server (Edge Function + zod)", pros: ["Bad data can never reach the database"], cons: ["Round trip for errors"], difficulty: "advanced", educational_value: "Learn why the client can never be trusted and how to share schemas." },
    ],
  },
  {
    keys: /auth|login|log in|sign|account|user|password|permission|role/i,
    context: "How people sign in to {app} and see only their own {records}.",
    options: [
      { id: "magic-link", title: "Supabase Auth with email magic links", pros: ["No passwords to store", "A few lines with supabase-js"], cons: ["Email delivery to set up"], difficulty: "beginner", educational_value: "Learn sessions, tokens and protected routes." },
      { id: "oauth", title: "Sign in with Google or GitHub (OAuth)", pros: ["One click for users"], cons: ["Provider apps to register", "Redirect flows to debug"], difficulty: "intermediate", educational_value: "Learn the OAuth redirect flow and identity providers." },
      { id: "rls-roles", title: "Roles enforced by Row Level Security policies", pros: ["The database itself refuses the wrong reads"], cons: ["SQL policies to write and test"], difficulty: "advanced", educational_value: "Learn authorisation in the database, the last line of defence." },
    ],
  },
  {
    keys: /test|quality|bug|qa\b/i,
    context: "How {app} is tested so changes to {records} do not break it.",
    options: [
      { id: "vitest-unit", title: "Unit tests of helpers with Vitest", pros: ["Fast", "Same config as Vite"], cons: ["Does not test the UI"], difficulty: "beginner", educational_value: "Learn assertions and testing pure functions." },
      { id: "testing-library", title: "Component tests with React Testing Library", pros: ["Tests what users see and do"], cons: ["Slower, needs a DOM environment"], difficulty: "intermediate", educational_value: "Learn to test behaviour instead of implementation." },
      { id: "playwright", title: "End-to-end tests with Playwright", pros: ["Real browser, real flows"], cons: ["Slowest, needs the app running"], difficulty: "advanced", educational_value: "Learn end-to-end testing and CI pipelines." },
    ],
  },
];

const FALLBACK: Topic = {
  keys: /./,
  context: "How to build {topic} in {app}.",
  options: [
    { id: "follow-generated", title: "Start from the generated code and change it", pros: ["Something working at once", "Learn by reading real code"], cons: ["Less practice designing"], difficulty: "beginner", educational_value: "Learn to read, run and modify an existing React codebase." },
    { id: "guided-build", title: "Build it yourself, one small step at a time", pros: ["You understand every line"], cons: ["Slower"], difficulty: "intermediate", educational_value: "Learn to break a feature into steps and test each one." },
    { id: "design-first", title: "Design the data and components first, then build", pros: ["Fewer rewrites later"], cons: ["Nothing to see for a while"], difficulty: "advanced", educational_value: "Learn to model data and plan component boundaries." },
  ],
};

const ORDER: SkillLevel[] = ["beginner", "intermediate", "advanced"];

/** The curated topic a question is about, if any. */
const topicOf = (text: string) => TOPICS.find((t) => t.keys.test(text));

/**
 * The conversation's thread: the topic of this question, else (a follow-up
 * such as "which is easier?") of the student's latest earlier question that
 * had one; and the question it follows up on.
 */
function thread(input: PedagogyInput): { topic: Topic; followsUp: string | null } {
  const asked = (input.history ?? []).filter((turn) => turn.role === "user").map((turn) => turn.content.trim()).filter(Boolean);
  const own = topicOf(input.topic);
  if (own) return { topic: own, followsUp: asked.findLast((question) => topicOf(question) === own) ?? null };
  const earlier = asked.findLast((question) => topicOf(question));
  return earlier ? { topic: topicOf(earlier)!, followsUp: earlier } : { topic: FALLBACK, followsUp: null };
}

const quote = (text: string) => `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”`;

/**
 * Options for `input.topic` from a curated catalogue (state, data, routing,
 * styling, forms, auth, testing), worded for the project's records, with the
 * option matching the student's level recommended. The session's `history`
 * carries the thread: a follow-up continues the earlier question's topic, and
 * an option the student already chose is built on rather than offered anew.
 */
export function offlinePedagogy(input: PedagogyInput): ChoiceFramework {
  const { topic, followsUp } = thread(input);
  const profile = input.requirements ? analyseIdea(`${input.requirements.app_name}. ${input.requirements.core_features.map((f) => f.name).join(". ")}`) : undefined;
  const records = profile?.entities[0] ? plural(profile.entities[0].name) : "records";
  const app = input.requirements?.app_name ?? "your app";
  const fill = (text: string) => text.replaceAll("{records}", records).replaceAll("{app}", app).replaceAll("{topic}", input.topic.trim() || "this step");
  const options = topic.options.map((o) => ({ ...o, title: fill(o.title), pros: o.pros.map(fill), cons: o.cons.map(fill), educational_value: fill(o.educational_value) }));
  const said = (input.history ?? []).filter((turn) => turn.role === "user").map((turn) => turn.content.toLowerCase());
  const chosen = options.find((o) => said.some((text) => text.includes(o.title.toLowerCase()) || new RegExp(`\\b${o.id}\\b`).test(text)));
  const level = ORDER.indexOf(input.skill_level);
  const best = [...options].sort((a, b) => Math.abs(ORDER.indexOf(a.difficulty) - level) - Math.abs(ORDER.indexOf(b.difficulty) - level))[0]!;
  const context = fill(topic.context);
  const offline = "(Offline engine: curated options, not an AI answer.)";
  return {
    context: followsUp ? `Following up on your question ${quote(followsUp)}: ${context}` : context,
    options,
    recommendation: chosen
      ? `${chosen.id}: you chose "${chosen.title}" earlier; stay with it and build on it: ${chosen.educational_value} ${offline}`
      : `${best.id}: "${best.title}" fits a ${input.skill_level} best: ${best.educational_value} ${offline}`,
  };
}
