import { describe, expect, it } from "vitest";
import { offlinePedagogy } from "../../../../shared/offline/index.ts";
import type { MentorMessage } from "../../data/sessions.ts";
import { mentorReply, questionsIn, withChoice } from "./transcript.ts";

const framework = offlinePedagogy({ topic: "Where should I store the walks?", skill_level: "beginner" });

describe("the mentor's transcript", () => {
  it("puts every option with its difficulty, pros and cons into the reply's words, ending with a question", () => {
    const reply = mentorReply(framework);
    for (const option of framework.options) expect(reply).toContain(`${option.title} (${option.difficulty}) — good: ${option.pros.join("; ")}`);
    expect(reply.endsWith("Which would you pick for your app, and why?")).toBe(true);
  });

  it("records a choice on the mentor's message and as the student's words, which the offline mentor then builds on", () => {
    const transcript: MentorMessage[] = [
      { role: "user", content: "Where should I store the walks?" },
      { role: "mentor", content: mentorReply(framework), framework },
    ];
    const option = framework.options[1]!;
    const next = withChoice(transcript, 1, option);
    expect(next).toHaveLength(4);
    expect(next[1]).toMatchObject({ chosen: option.id });
    expect(next[0]).toEqual(transcript[0]);
    expect(next[2]).toEqual({ role: "user", content: `I choose “${option.title}”.` });
    expect([questionsIn(transcript), questionsIn(next)]).toEqual([1, 1]);
    const history = next.map(({ role, content }) => ({ role, content }));
    expect(offlinePedagogy({ topic: "How do I start?", skill_level: "beginner", history }).recommendation).toMatch(new RegExp(`^${option.id}: you chose`));
  });
});
