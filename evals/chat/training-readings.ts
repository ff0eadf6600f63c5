import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AdviceContext, AdviceService } from "../../src/coach/advice/advise.js";
import { type DiagnosisLabels, followUpRequest } from "../../src/coach/chat/follow-up.js";
import { deriveRep } from "../../src/coach/chat/rep-file.js";
import { JudgmentSchema, type Scenario } from "../advice/check-scenarios.js";
import { type AnsweredCase, mergeJudgments } from "../advice/quality-metrics.js";
import { readJsonl } from "../cases.js";
import { ConversationSchema, PairSchema } from "./check-chat.js";

/**
 * The tuning chat data as advice training reads it: each conversation's follow-up read the two ways the product
 * reads it (alone, and with the turn before: src/coach/chat/follow-up.ts), and each rep-file pair's message read with
 * a file of three weeks and of three years. Only the tuning sets (evals/chat/writers, pairs, and the judgments of
 * them); the blind sets are never read here.
 */
const here = fileURLToPath(new URL(".", import.meta.url));
/** A fixed "today" for the pairs' files, so that training gives the same model on any day. */
const TODAY = new Date("2026-06-01T00:00:00Z");

const files = (folder: string) => {
  const dir = join(here, folder);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith(".jsonl"))
        .sort()
        .map((file) => join(dir, file))
    : [];
};

export function loadChatJudgments(): Map<string, AnsweredCase["judgment"]> {
  const tuning = files("judgments").filter((file) => !/\/cb\d+\.jsonl$/.test(file));
  return mergeJudgments(tuning.flatMap((file) => readJsonl(file, JudgmentSchema)));
}

export interface ChatReading {
  kind: "chat" | "chat-alone" | "pair";
  /** The conversation's or pair's id (both readings of one share it). */
  source: string;
  scenario: Scenario;
  context: AdviceContext;
}

export function chatReadings(advice: AdviceService): ChatReading[] {
  const labels: DiagnosisLabels = (dimension, value, lang) => advice.label(dimension, value, lang);
  const settings = advice.settings.followUp;
  const readings: ChatReading[] = [];
  for (const conversation of files("writers").flatMap((file) => readJsonl(file, ConversationSchema))) {
    const [first, second] = conversation.turns;
    const request = followUpRequest(
      {
        text: second.text,
        lang: advice.languageOf(second.text),
        state: { diagnosis: {}, earlier: [first.text], cited: [] },
      },
      settings,
      labels,
    );
    request.readings.forEach((reading, index) => {
      const alone = index < request.readings.length - 1;
      readings.push({
        kind: alone ? "chat-alone" : "chat",
        source: conversation.id,
        scenario: {
          id: `${conversation.id}#${alone ? "alone" : "with"}`,
          writer: conversation.writer,
          lang: conversation.lang,
          scope: conversation.scope2,
          scenario: reading.scenario,
          from: second.from,
          who: conversation.who,
          tenure: conversation.tenure,
          problem: conversation.problem,
          performance: "unknown",
          stage: "unknown",
          type: "unknown",
          cues: { who: "", tenure: "", problem: "" },
        },
        context: request.context,
      });
    });
  }
  for (const pair of files("pairs").flatMap((file) => readJsonl(file, PairSchema))) {
    for (const side of ["new", "veteran"] as const) {
      const days = side === "new" ? 21 : 3 * 365;
      const startDate = new Date(TODAY.getTime() - days * 86_400_000).toISOString().slice(0, 10);
      const rep = {
        id: pair.id,
        owner: { user: "training", team: "training" },
        name: pair.rep,
        startDate,
        createdAt: "",
        updatedAt: "",
      };
      const request = followUpRequest(
        {
          text: pair.text,
          lang: advice.languageOf(pair.text),
          state: { diagnosis: {}, earlier: [], cited: [] },
          rep: { rep, derived: deriveRep(rep, TODAY), notes: [] },
        },
        settings,
        labels,
      );
      const reading = request.readings.at(-1);
      if (!reading) continue;
      readings.push({
        kind: "pair",
        source: `${pair.id}#${side}`,
        scenario: {
          id: `${pair.id}#${side}`,
          writer: pair.writer,
          lang: pair.lang,
          scope: "in",
          scenario: reading.scenario,
          from: pair[side].from,
          who: "rep",
          tenure: side,
          problem: "none",
          performance: "unknown",
          stage: "unknown",
          type: "unknown",
          cues: { who: "", tenure: "", problem: "" },
        },
        context: request.context,
      });
    }
  }
  return readings;
}
