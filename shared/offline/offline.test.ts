import { describe, expect, it } from "vitest";
import { planFiles } from "../agents/file-plan.ts";
import type { RetrievedPattern } from "../agents/types.ts";
import { ChoiceFramework, ClarificationQuestion, CodeGenerationResult, LearningRoadmap, QAResult, RequirementsDoc, WireframeSpec } from "../protocol/index.ts";
import { patternLibrary } from "../patterns/library.ts";
import { offlineCodeFile } from "./code/index.ts";
import { offlinePedagogy } from "./pedagogy.ts";
import { offlineQaReview } from "./qa-review.ts";
import { OFFLINE_NOTE, offlineClarify, offlineResearch, QUESTION_IDS } from "./research.ts";
import { offlineRoadmap } from "./roadmap.ts";
import { offlineWireframe } from "./wireframe.ts";

const asRetrieved = (name: string, similarity = 0.5): RetrievedPattern => {
  const p = patternLibrary.find((one) => one.name === name)!;
  return { project_type: p.project_type, similarity, success_score: p.success_score, metadata: { name: p.name, summary: p.summary, pages: p.pages, components: p.components, entities: p.entities } };
};
const serviceCrm = asRetrieved("Service business CRM with scheduling", 0.42);
const salesCrm = asRetrieved("Sales CRM pipeline", 0.2);

const IDEAS = [
  "A CRM for dog walkers",
  "todo",
  "x",
  "🐶📅💰",
  "!!!",
  "Gestor de citas para peluquerías con recordatorios por WhatsApp",
  "一个帮助小餐馆管理预订的应用",
  "ブログ",
  "A marketplace for renting camping gear between neighbours",
  "personal budget tracker with monthly charts",
  "online course platform for yoga teachers, with video lessons and quizzes",
  "A booking app for a small hair salon called \"Shear Joy\"",
  "class",
  `An app for ${"very ".repeat(600)}busy parents to share school runs`,
];

describe("offline research", () => {
  it("writes requirements a dog walkers' CRM needs: its name, the walker and the owner, clients, walks and invoices", () => {
    const doc = offlineResearch({ user_idea: "A CRM for dog walkers" });
    expect(doc.app_name).toBe("Dog Walker CRM");
    expect(doc.target_audience.map((p) => p.role)).toEqual(["Dog walker", "Dog owner"]);
    const features = doc.core_features.map((f) => `${f.priority} ${f.name}`);
    expect(features).toEqual(expect.arrayContaining(["must-have Client directory", "must-have Walk scheduling", "must-have Invoices and payments"]));
    expect(doc.recommended_stack).toContain("TypeScript");
    expect(doc.technical_constraints).toContain(OFFLINE_NOTE);
  });

  it("is deterministic", () => {
    expect(offlineResearch({ user_idea: "A CRM for dog walkers" })).toEqual(offlineResearch({ user_idea: "A CRM for dog walkers" }));
  });

  it("derives different people and features from different ideas", () => {
    const tutor = offlineResearch({ user_idea: "Scheduling and billing for private tutors" });
    expect(tutor.target_audience.map((p) => p.role)).toEqual(["Private tutor", "Student"]);
    expect(tutor.core_features.map((f) => f.name)).toContain("Lesson scheduling");
  });

  it("asks clarification questions for a vague idea and none for a clear one", () => {
    const vague = offlineClarify({ user_idea: "todo" });
    expect(vague.needs_clarification).toBe(true);
    expect(vague.questions.map((q) => q.id)).toEqual([QUESTION_IDS.audience, QUESTION_IDS.core, QUESTION_IDS.platform]);
    for (const q of vague.questions) expect(ClarificationQuestion.parse(q)).toEqual(q);
    expect(offlineClarify({ user_idea: "A CRM for dog walkers" })).toMatchObject({ needs_clarification: false, questions: [] });
  });

  it("uses the answers: audience becomes the first persona, the core task the first must-have, the platform a constraint", () => {
    const answers = [
      { question_id: QUESTION_IDS.audience, answer: "Volunteer coordinators" },
      { question_id: QUESTION_IDS.core, answer: "Assign shifts to volunteers" },
      { question_id: QUESTION_IDS.platform, answer: "On a phone, on the go" },
      { question_id: "budget", answer: "Free tier only", question: "What can it cost?" },
    ];
    const without = offlineResearch({ user_idea: "todo" });
    const doc = offlineResearch({ user_idea: "todo", answers });
    expect(doc).not.toEqual(without);
    expect(doc.target_audience[0]!.role).toBe("Volunteer coordinators");
    expect(doc.core_features[0]).toMatchObject({ name: "Core: Assign shifts to volunteers", priority: "must-have" });
    expect(doc.elevator_pitch).toContain("Assign shifts to volunteers");
    expect(doc.technical_constraints).toContain("Platform: On a phone, on the go.");
    expect(doc.technical_constraints).toContain("What can it cost?: Free tier only.");
  });
});

describe("offline wireframe", () => {
  const requirements = offlineResearch({ user_idea: "A CRM for dog walkers" });

  it("builds the site map on the retrieved pattern under the idea's own names: /clients, /walks (the pattern's /schedule), /invoices, plus /dogs the pattern lacks", () => {
    const spec = offlineWireframe({ requirements, project_type: "crm", patterns: [serviceCrm, salesCrm] });
    const paths = spec.site_map.map((p) => p.path);
    expect(paths).toEqual(["/", "/clients", "/clients/:id", "/walks", "/invoices", "/dogs"]);
    const walks = spec.site_map.find((p) => p.path === "/walks")!;
    expect(walks.description).toContain("Service business CRM with scheduling");
    // The pattern's components, renamed to the domain: VisitForm → WalkForm.
    expect(walks.components.map((c) => c.name)).toEqual(expect.arrayContaining(["CalendarWeek", "WalkForm"]));
    expect(spec.theme_colors.every((c) => /^#[0-9a-f]{6}$/.test(c))).toBe(true);
  });

  it("never names two components alike but for their case: a pattern's CheckoutForm beside a check-out record's form", () => {
    const hostel = offlineResearch({ user_idea: "hostel: rooms, beds, guests, check-ins, check-outs, payments and orders" });
    const spec = offlineWireframe({ requirements: hostel, project_type: "ecommerce", patterns: [asRetrieved("Online store", 0.9)] });
    const names = spec.site_map.flatMap((page) => page.components.map((c) => c.name));
    expect(names).toEqual(expect.arrayContaining(["CheckoutForm", "CheckOutsForm"]));
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(new Set(names).size);
  });

  it("takes from a pattern only the pages of records the requirements have", () => {
    // An online store has nothing a dog walkers' CRM asked for: no /cart, no /checkout, no products.
    const shop = offlineWireframe({ requirements, project_type: "crm", patterns: [asRetrieved("Online store", 0.9)] });
    const none = offlineWireframe({ requirements, project_type: "crm", patterns: [] });
    expect(none.site_map.map((p) => p.path)).toEqual(["/", "/clients", "/clients/:id", "/dogs", "/walks", "/invoices"]);
    expect(shop.site_map.map((p) => p.path).sort()).toEqual(none.site_map.map((p) => p.path).sort());
    expect(none.global_state_needs.join(" ")).toContain("without a reference pattern");
  });

  it("keeps the idea's listed records and their names whatever pattern it is given", () => {
    const yoga = offlineResearch({ user_idea: "a booking system for a small yoga studio with classes, instructors and memberships" });
    const spec = offlineWireframe({ requirements: yoga, project_type: "education", patterns: [asRetrieved("Tutoring marketplace", 0.9), asRetrieved("Course platform (LMS)", 0.8)] });
    expect(spec.site_map.map((p) => p.path)).toEqual(["/", "/bookings", "/classes", "/instructors", "/memberships"]);
  });
});

describe("the offline engine on many ideas", () => {
  it.each(IDEAS)("gives schema-valid output at every stage for %j", (idea) => {
    const clarify = offlineClarify({ user_idea: idea });
    expect(clarify.questions.length > 0).toBe(clarify.needs_clarification);
    const requirements = RequirementsDoc.parse(offlineResearch({ user_idea: idea }));
    expect(requirements.core_features.filter((f) => f.priority === "must-have").length).toBeGreaterThanOrEqual(1);
    const wireframe = WireframeSpec.parse(offlineWireframe({ requirements, project_type: "saas", patterns: [serviceCrm] }));
    expect(wireframe.site_map.length).toBeGreaterThanOrEqual(3);
    const plan = planFiles(wireframe);
    const files = plan.map((file) => CodeGenerationResult.parse(offlineCodeFile({ requirements, wireframe, plan, file })));
    expect(files.map((f) => f.file_path)).toEqual(plan.map((f) => f.path));
    expect(files.every((f) => f.explanation.startsWith("[offline engine]"))).toBe(true);
    QAResult.parse(offlineQaReview({ requirements, wireframe, files: files.map((f) => ({ path: f.file_path, content: f.code, language: f.language })), findings: [] }));
    LearningRoadmap.parse(offlineRoadmap({ requirements, wireframe, skill_level: "beginner", hours_per_week: 5 }));
    ChoiceFramework.parse(offlinePedagogy({ topic: idea, skill_level: "advanced", requirements }));
  });
});

describe("offline QA review", () => {
  it("flags a secret in browser code as critical, with file and line", () => {
    const result = offlineQaReview({ files: [{ path: "src/api.ts", content: 'export const a = 1;\nexport const key = "sk-abcdefghijklmnopqrstuvwxyz123456";\n', language: "typescript" }], findings: [] });
    expect(result.passed).toBe(false);
    expect(result.issues[0]).toMatchObject({ severity: "critical", description: expect.stringContaining("src/api.ts:2") });
  });
});

describe("offline pedagogy and roadmap", () => {
  const requirements = offlineResearch({ user_idea: "A CRM for dog walkers" });

  it("offers options for the topic in the project's words and recommends one for the level", () => {
    const beginner = offlinePedagogy({ topic: "Where should I store the walks?", skill_level: "beginner", requirements });
    expect(beginner.context).toContain("Dog Walker CRM");
    expect(beginner.options.map((o) => o.id)).toEqual(["local-storage", "supabase-client", "edge-functions"]);
    expect(beginner.recommendation).toMatch(/^local-storage/);
    expect(offlinePedagogy({ topic: "Where should I store the walks?", skill_level: "intermediate", requirements }).recommendation).toMatch(/^supabase-client/);
  });

  it("continues the session: a follow-up keeps the earlier question's topic, and a choice made is built on", () => {
    const first = "Where should I store the walks?";
    const fresh = offlinePedagogy({ topic: "Which one is easiest for me?", skill_level: "beginner", requirements });
    expect(fresh.options.map((o) => o.id)).toEqual(["follow-generated", "guided-build", "design-first"]);

    const history = [{ role: "user" as const, content: first }, { role: "mentor" as const, content: "Three ways…" }];
    const followUp = offlinePedagogy({ topic: "Which one is easiest for me?", skill_level: "beginner", requirements, history });
    expect(followUp.options.map((o) => o.id)).toEqual(["local-storage", "supabase-client", "edge-functions"]);
    expect(followUp.context).toMatch(/^Following up on your question “Where should I store the walks\?”: /);

    const chose = [...history, { role: "user" as const, content: "I choose “Supabase tables queried from the app, protected by RLS”." }];
    const after = offlinePedagogy({ topic: "How do I start?", skill_level: "beginner", requirements, history: chose });
    expect(after.recommendation).toMatch(/^supabase-client: you chose "Supabase tables/);
    // Deterministic: the same session gives the same answer.
    expect(offlinePedagogy({ topic: "How do I start?", skill_level: "beginner", requirements, history: chose })).toEqual(after);
  });

  it("plans modules in build order, paced by skill level, each after the one before", () => {
    const wireframe = offlineWireframe({ requirements, project_type: "crm", patterns: [serviceCrm] });
    const beginner = offlineRoadmap({ requirements, wireframe, skill_level: "beginner" });
    const advanced = offlineRoadmap({ requirements, wireframe, skill_level: "advanced" });
    expect(beginner.modules.map((m) => m.title)).toContain("Build the walks feature");
    expect(beginner.modules.find((m) => m.title === "Pages and navigation")!.steps.join(" ")).toContain("/walks");
    expect(beginner.total_estimated_hours).toBeGreaterThan(advanced.total_estimated_hours);
    expect(beginner.total_estimated_hours).toBe(beginner.modules.reduce((sum, m) => sum + m.estimated_hours, 0));
    beginner.modules.slice(1).forEach((m, i) => expect(m.prerequisites).toEqual([beginner.modules[i]!.title]));
  });

  it("shapes the roadmap by level: a beginner starts with fundamentals and gets more steps and hours, an advanced student skips them", () => {
    const wireframe = offlineWireframe({ requirements, project_type: "crm", patterns: [serviceCrm] });
    const [beginner, intermediate, advanced] = (["beginner", "intermediate", "advanced"] as const).map((skill_level) => offlineRoadmap({ requirements, wireframe, skill_level }));
    const steps = (r: typeof beginner) => r!.modules.reduce((sum, m) => sum + m.steps.length, 0);
    expect(beginner!.modules.slice(0, 3).map((m) => m.title)).toEqual(["Web fundamentals: HTML, CSS and JavaScript", "React fundamentals", "Set up the project"]);
    expect(intermediate!.modules[0]!.title).toBe("Set up the project");
    expect(advanced!.modules[0]!.title).toBe("Set up the project");
    expect(advanced!.modules.map((m) => m.title).join(" ")).not.toMatch(/fundamentals/i);
    expect(advanced!.modules.flatMap((m) => m.steps)).toContain("Write RLS policies and test them with pgTAP");
    expect(steps(beginner)).toBeGreaterThan(steps(intermediate));
    expect(steps(intermediate)).toBeGreaterThan(steps(advanced));
    expect(beginner!.total_estimated_hours).toBeGreaterThan(intermediate!.total_estimated_hours);
    expect(intermediate!.total_estimated_hours).toBeGreaterThan(advanced!.total_estimated_hours);
    expect([beginner, intermediate, advanced].map((r) => r!.skill_level)).toEqual(["beginner", "intermediate", "advanced"]);
    expect(advanced!.description).toMatch(/^An? advanced path/);
    for (const roadmap of [beginner, intermediate, advanced]) LearningRoadmap.parse(roadmap);
    expect(offlineRoadmap({ requirements, wireframe, skill_level: "advanced" })).toEqual(advanced);
  });
});
