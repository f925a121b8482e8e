/** @module The mentor's transcript: the agent's answer in words, and the messages a choice adds. */
import type { ChoiceFramework, ImplementationOption } from "../../../../shared/protocol/index.ts";
import type { MentorMessage } from "../../data/sessions.ts";

/** The agent's choice framework as the mentor's reply in words (what the transcript and the next question's history keep). */
export function mentorReply(framework: ChoiceFramework): string {
  const options = framework.options.map(
    (option) => `• ${option.title} (${option.difficulty}) — good: ${option.pros.join("; ")}. Watch out: ${option.cons.join("; ")}.`,
  );
  return [framework.context, ...options, `My hint: ${framework.recommendation}`, "Which would you pick for your app, and why?"].join("\n\n");
}

/** The transcript after the student picks `option` of the mentor's message at `index`. */
export function withChoice(transcript: MentorMessage[], index: number, option: ImplementationOption): MentorMessage[] {
  return [
    ...transcript.map((message, i) => (i === index ? { ...message, chosen: option.id } : message)),
    { role: "user", content: `I choose “${option.title}”.` },
    { role: "mentor", content: `“${option.title}” it is. ${option.educational_value} Ask me how to start on it whenever you are ready.` },
  ];
}

/** How many questions the student asked (a choice among the options is a message, not a question). */
export const questionsIn = (transcript: MentorMessage[]): number =>
  transcript.filter((message) => message.role === "user").length - transcript.filter((message) => message.chosen).length;
