/** @module The offline research agent: clarification questions for vague ideas, and a RequirementsDoc built from the idea's words. */
import type { ClarificationRequest, ResearchInput } from "../agents/types.ts";
import type { Feature, PriorityLevel, RequirementsDoc, UserPersona } from "../protocol/index.ts";
import type { ProjectType } from "../agents/project-type.ts";
import { analyseIdea, type EntitySense, type IdeaProfile } from "./idea.ts";
import { capitalise, clip, listText, plural, titleCase } from "./text.ts";

/** The note every offline document carries, so the UI can say where it came from. */
export const OFFLINE_NOTE = "Drafted by CodeForge's offline engine from the words of the idea (no AI model was used); connect an LLM provider for deeper research.";

/** Ids of the offline engine's clarification questions; answers are read by these ids. */
export const QUESTION_IDS = { audience: "audience", core: "core_task", platform: "platform" } as const;

/** The words of the idea itself, emoji and stop words aside. */
const contentWordCount = (profile: IdeaProfile) => profile.words.length;

/**
 * Whether the idea is too vague to write requirements, and the questions to ask if so:
 * fewer than two meaningful words, or under four with no word saying what kind of app it is.
 */
export function offlineClarify(input: ResearchInput): ClarificationRequest {
  const profile = analyseIdea(input.user_idea);
  const count = contentWordCount(profile);
  const vague = count < 2 || (count < 4 && profile.typeGuessed);
  if (!vague) return { needs_clarification: false, reason: "The idea names what the app is for and who uses it.", questions: [] };
  const entities = profile.entities.map((e) => plural(e.name));
  return {
    needs_clarification: true,
    reason: count === 0 ? "The idea has no words the engine can read." : `"${clip(input.user_idea, 60)}" leaves open who uses the app and what they do first.`,
    questions: [
      { id: QUESTION_IDS.audience, question: "Who will use the app day to day?", options: ["Just me", "My team at work", "My customers or clients", "A community or the public"] },
      { id: QUESTION_IDS.core, question: "What is the one thing they must be able to do in the first version?", options: [`Keep track of ${entities[0] ?? "records"}`, "Book or schedule things", "Sell or buy something", "Share and discuss with others"] },
      { id: QUESTION_IDS.platform, question: "Where will it mostly be used?", options: ["On a phone, on the go", "On a computer, at a desk", "Both"] },
    ],
  };
}

const answerOf = (input: ResearchInput, id: string) => input.answers?.find((a) => a.question_id === id)?.answer.trim() || undefined;

/**
 * The requirements of the idea: name, pitch, personas from the domain's
 * people, features from the records the app keeps (MoSCoW), stack and
 * constraints; clarification answers are binding (audience → first persona,
 * core task → first must-have, platform and others → constraints). Deterministic.
 * @example offlineResearch({ user_idea: "A CRM for dog walkers" }).target_audience[0].role // "Dog walker"
 */
export function offlineResearch(input: ResearchInput): RequirementsDoc {
  const answers = (input.answers ?? []).map((a) => a.answer);
  const profile = analyseIdea(input.user_idea, [...answers, ...(input.documents ?? []).map((doc) => doc.slice(0, 2000))]);
  const audienceAnswer = answerOf(input, QUESTION_IDS.audience);
  const coreAnswer = answerOf(input, QUESTION_IDS.core);
  const platformAnswer = answerOf(input, QUESTION_IDS.platform);

  const personas = personasOf(profile, audienceAnswer);
  const features = featuresOf(profile, coreAnswer);
  const names = profile.entities.map((e) => plural(e.name));
  const primaryPlural = plural(profile.people.primary.split(" ").pop()!);
  const audience = profile.people.primary.includes(" ") ? `${profile.people.primary.split(" ").slice(0, -1).join(" ")} ${primaryPlural}` : primaryPlural;
  const pitch = clip(
    `${profile.name} helps ${audienceAnswer ? audienceAnswer.toLowerCase() : audience} keep ${listText(names)} in one place, so nothing falls through the cracks between messages and spreadsheets.` +
      (coreAnswer ? ` The first version focuses on: ${coreAnswer}.` : ""),
    500,
  );
  const others = (input.answers ?? []).filter((a) => !Object.values(QUESTION_IDS).includes(a.question_id as never));
  const constraints = [
    `Platform: ${platformAnswer ?? "responsive web app for phone and desktop"}.`,
    "Data in Supabase Postgres with row-level security, so each account sees only its own records.",
    ...others.map((a) => `${a.question ?? a.question_id}: ${a.answer}.`),
    OFFLINE_NOTE,
  ].join(" ");
  return {
    app_name: clip(profile.name, 100),
    elevator_pitch: pitch.length >= 20 ? pitch : `${pitch} A simple web app to start from.`,
    target_audience: personas,
    core_features: features,
    recommended_stack: stackOf(profile.type),
    technical_constraints: constraints,
  };
}

function personasOf(profile: IdeaProfile, audienceAnswer: string | undefined): UserPersona[] {
  const [main, second, third] = profile.entities;
  const mainPlural = main ? plural(main.name) : "records";
  const activity = profile.entities.find((e) => e.role === "activity");
  const primary: UserPersona = {
    role: clip(capitalise(audienceAnswer ?? profile.people.primary), 100),
    goal: clip(`Keep ${listText([mainPlural, ...[second, third].filter(Boolean).map((e) => plural(e!.name))])} organised in one place`, 200),
    pain_point: clip(activity ? `Juggles ${plural(activity.name)}, ${mainPlural} and payments across texts, notes and spreadsheets` : `${capitalise(mainPlural)} are scattered across notes, chats and spreadsheets`, 200),
  };
  const secondary: UserPersona = {
    role: clip(capitalise(profile.people.secondary), 100),
    goal: clip(activity ? `Know when the next ${activity.name} is and what it costs without chasing anyone` : `Find and follow ${mainPlural} without asking around`, 200),
    pain_point: clip(activity ? `Confirmations and changes to ${plural(activity.name)} get lost in messages` : "Information is out of date or hard to find", 200),
  };
  const personas = [primary, secondary];
  if (["marketplace", "saas", "social", "nonprofit", "ecommerce"].includes(profile.type)) {
    personas.push({ role: "Administrator", goal: "Keep the data clean and the members' access right", pain_point: "No overview of who did what and what needs attention" });
  }
  return personas;
}

const EXTRA: Record<ProjectType, [string, string]> = {
  crm: ["Reminders", "Remind the {customer} by email or text before each {activity}."],
  booking: ["Online booking page", "Let {customers} pick a free time slot themselves and get a confirmation."],
  ecommerce: ["Checkout", "A cart and checkout with card payments (e.g. Stripe) and order confirmation emails."],
  marketplace: ["Reviews and ratings", "Both sides rate each other after a transaction; ratings show on profiles."],
  social: ["Notifications", "Tell members about replies, follows and mentions in the app and by email."],
  education: ["Progress tracking", "Show each learner what they finished and what comes next."],
  fintech: ["Spending charts", "Monthly charts by category with budgets and what is left."],
  health: ["Streaks and charts", "Show streaks and progress over weeks to keep motivation up."],
  content: ["Newsletter sign-up", "Readers subscribe and get new posts by email."],
  operations: ["Low-stock alerts", "Warn when an item falls under its minimum quantity."],
  nonprofit: ["Impact updates", "Post updates that show donors what their gifts achieved."],
  productivity: ["Search", "Find anything by words in its title or notes."],
  saas: ["Team roles", "Invite teammates with owner, editor or viewer rights."],
};

/** The feature the engine writes for a record, named so `profileOfRequirements` reads the record back ("Van catalogue", "Fuel receipts and payments"). */
export function featureOf(entity: EntitySense, profile: IdeaProfile, index: number): Omit<Feature, "priority"> {
  const many = plural(entity.name);
  const title = titleCase(entity.name);
  const person = profile.entities.find((e) => e.role === "person")?.name ?? "customer";
  switch (entity.role) {
    case "person":
      return { name: `${title} directory`, description: `Add, search and edit ${many} with contact details, status and notes${profile.entities.some((e) => e.role === "animal") ? `, and see their ${plural(profile.entities.find((e) => e.role === "animal")!.name)}` : ""}.` };
    case "animal":
      return { name: `${title} profiles`, description: `Each ${entity.name}'s breed, owner and care notes (needs, habits, access) at hand before every visit.` };
    case "activity":
      return { name: `${title} scheduling`, description: `Plan ${many} on a weekly calendar, see today's ${many} at a glance and mark them completed or cancelled.` };
    case "money":
      return { name: `${titleCase(plural(entity.name))} and payments`, description: `Create ${many} for each ${person}${profile.entities.some((e) => e.role === "activity") ? ` from completed ${plural(profile.entities.find((e) => e.role === "activity")!.name)}` : ""} and track what is paid, due or overdue.` };
    case "item":
      return { name: `${title} catalogue`, description: `Add, categorise and price ${many}, keep quantities up to date and archive old ones.` };
    case "work":
      return { name: `${title} board`, description: `Create ${many} with an owner, due date and priority, and move them from to-do to done.` };
    case "content":
      return { name: `${title} editor`, description: `Write ${many}, keep drafts, publish them and list them by date.` };
    case "group":
      return { name: `${title} management`, description: `Create ${many}, describe them and see how many members each has.` };
    default:
      return { name: index === 0 ? `${title} list` : `${title} records`, description: `Keep ${many} in one list with their date, status and notes; search and edit them.` };
  }
}

/** "Each loan refers to a book and a student." when the idea says so; read back by `profileOfRequirements`. */
const refSentence = (entity: EntitySense) => (entity.refs?.length ? ` Each ${entity.name} refers to ${listText(entity.refs.map((r) => `${/^[aeiou]/.test(r) ? "an" : "a"} ${r}`))}.` : "");

function featuresOf(profile: IdeaProfile, coreAnswer: string | undefined): Feature[] {
  const features: Feature[] = [];
  // Records the idea lists by name are what the user asked for: each one is a must-have.
  const listed = profile.listed;
  if (coreAnswer) {
    features.push({ name: clip(`Core: ${coreAnswer}`, 100), description: clip(`Asked during clarification: the first version must let users ${coreAnswer.replace(/[.!]+$/, "").toLowerCase()}.`, 500), priority: "must-have" });
  }
  profile.entities.forEach((entity, index) => {
    const priority: PriorityLevel = listed || index < 2 || entity.role === "activity" || (entity.role === "money" && profile.type === "crm") ? "must-have" : index < 4 ? "should-have" : "nice-to-have";
    const feature = featureOf(entity, profile, index);
    features.push({ ...feature, description: feature.description + refSentence(entity), priority: coreAnswer && !listed && priority === "must-have" && index >= 2 ? "should-have" : priority });
  });
  const activity = profile.entities.find((e) => e.role === "activity");
  features.push({
    name: "Dashboard",
    description: clip(`One screen with ${activity ? `today's ${plural(activity.name)}, ` : ""}counts of ${listText(profile.entities.map((e) => plural(e.name)))} and what needs attention.`, 500),
    priority: "should-have",
  });
  const [extraName, extraText] = EXTRA[profile.type];
  const customer = profile.entities.find((e) => e.role === "person")?.name ?? "customer";
  features.push({ name: extraName, description: extraText.replaceAll("{customers}", plural(customer)).replaceAll("{customer}", customer).replaceAll("{activity}", activity?.name ?? "appointment"), priority: "nice-to-have" });
  return features.map((f) => ({ ...f, name: clip(f.name, 100), description: clip(f.description, 500) }));
}

function stackOf(type: ProjectType): string[] {
  const stack = ["React 19", "TypeScript", "Vite", "React Router", "Supabase (Postgres, Auth, Row Level Security)"];
  if (type === "ecommerce" || type === "marketplace") stack.push("Stripe Checkout");
  if (type === "social") stack.push("Supabase Realtime");
  if (type === "booking" || type === "crm") stack.push("Supabase Edge Functions (email reminders)");
  return stack;
}
