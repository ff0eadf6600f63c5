import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createApp } from "../../src/app.js";
import type { Advice } from "../../src/coach/advice/types.js";
import type { TurnAnswer } from "../../src/coach/chat/conversation-service.js";
import { realAppDeps } from "../../test/support/app-deps.js";
import { JudgmentSchema, type Scenario } from "../advice/check-scenarios.js";
import { diagnosisOf, printFigures } from "../advice/quality.js";
import { type AnsweredCase, judgeStep, mergeJudgments, qualityFigures, sectionOf } from "../advice/quality-metrics.js";
import { readJsonl } from "../cases.js";
import { type Conversation, ConversationSchema, type Pair, PairSchema } from "./check-chat.js";

/**
 * `npx tsx evals/chat/quality.ts [--set tuning|blind] [--verbose] [--baseline]`: the manager's chat on data written
 * and judged by people who never saw the code (docs/chat-scenarios-guide.md), end to end through the HTTP API offline.
 * - Two-turn conversations: the answer to the follow-up, judged as advice is (step precision, section in the top 3,
 *   near follow-ups declined). `--baseline` also answers the follow-up alone through `/api/advice`.
 * - Rep-file pairs: the same message in a conversation about a rep whose file says three weeks, then three years;
 *   the tenure's section in the top 3.
 * `tuning` is evals/chat/writers/ and evals/chat/pairs/; `blind` is evals/chat/blind/ (read rarely; every read is
 * listed in docs/chat.md).
 */
const here = fileURLToPath(new URL(".", import.meta.url));

function jsonlFiles(folder: string, pairs: boolean): string[] {
  const dir = join(here, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(".jsonl") && file.endsWith("-pairs.jsonl") === pairs)
    .sort()
    .map((file) => join(dir, file));
}

export function loadConversations(set: "tuning" | "blind"): Conversation[] {
  return jsonlFiles(set === "blind" ? "blind" : "writers", false).flatMap((file) =>
    readJsonl(file, ConversationSchema),
  );
}

export function loadPairs(set: "tuning" | "blind"): Pair[] {
  const files = set === "blind" ? jsonlFiles("blind", true) : jsonlFiles("pairs", false);
  return files.flatMap((file) => readJsonl(file, PairSchema));
}

function loadJudgments() {
  const dir = join(here, "judgments");
  const files = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith(".jsonl")) : [];
  return mergeJudgments(files.sort().flatMap((file) => readJsonl(join(dir, file), JudgmentSchema)));
}

/** A conversation as the advice figures read a scenario: the follow-up, its passages and the labels after it. */
function asScenario(conversation: Conversation): Scenario {
  return {
    id: conversation.id,
    writer: conversation.writer,
    lang: conversation.lang,
    scope: conversation.scope2,
    scenario: conversation.turns[1].text,
    from: conversation.turns[1].from,
    who: conversation.who,
    tenure: conversation.tenure,
    problem: conversation.problem,
    performance: "unknown",
    stage: "unknown",
    type: "unknown",
    cues: conversation.cues,
  };
}

type App = ReturnType<typeof createApp>;

async function call<T>(app: App, method: string, path: string, body?: unknown): Promise<T> {
  const response = await app.request(path, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function row(conversation: Conversation, advice: Advice, judgments: ReturnType<typeof loadJudgments>): AnsweredCase {
  return {
    scenario: asScenario(conversation),
    judgment: judgments.get(conversation.id) ?? { useful: new Set(), partial: new Set() },
    abstained: advice.abstained,
    steps: advice.steps.map((step) => step.citations),
    citations: advice.citations.map((chunk) => chunk.id),
    diagnosis: diagnosisOf(advice),
  };
}

/** Each conversation's second answer (and, with `baseline`, the follow-up answered alone). */
export async function answerConversations(app: App, conversations: readonly Conversation[], baseline = false) {
  const judgments = loadJudgments();
  const rows: AnsweredCase[] = [];
  const alone: AnsweredCase[] = [];
  const latencies: number[] = [];
  for (const conversation of conversations) {
    const { id } = await call<{ id: string }>(app, "POST", "/api/conversations", {});
    await call<TurnAnswer>(app, "POST", `/api/conversations/${id}/messages`, { text: conversation.turns[0].text });
    const started = performance.now();
    const second = await call<TurnAnswer>(app, "POST", `/api/conversations/${id}/messages`, {
      text: conversation.turns[1].text,
    });
    latencies.push(performance.now() - started);
    rows.push(row(conversation, second.message.advice as Advice, judgments));
    if (baseline) {
      const advice = await call<Advice>(app, "POST", "/api/advice", { scenario: conversation.turns[1].text });
      alone.push(row(conversation, advice, judgments));
    }
  }
  return { rows, alone, latencies };
}

export interface PairRow {
  pair: Pair;
  side: "new" | "veteran";
  hit: boolean;
  top3: string[];
}

/** Each pair's message in a conversation about a rep of three weeks, then of three years. */
export async function answerPairs(app: App, pairs: readonly Pair[], now = new Date()): Promise<PairRow[]> {
  const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const rows: PairRow[] = [];
  for (const pair of pairs) {
    for (const side of ["new", "veteran"] as const) {
      const rep = await call<{ id: string }>(app, "POST", "/api/reps", {
        name: pair.rep,
        startDate: day(side === "new" ? 21 : 3 * 365),
      });
      const { id } = await call<{ id: string }>(app, "POST", "/api/conversations", { repId: rep.id });
      const answer = await call<TurnAnswer>(app, "POST", `/api/conversations/${id}/messages`, { text: pair.text });
      const top3 = (answer.message.advice as Advice).citations.slice(0, 3).map((chunk) => chunk.id);
      const wanted = new Set(pair[side].from.map(sectionOf));
      rows.push({ pair, side, hit: top3.some((chunkId) => wanted.has(sectionOf(chunkId))), top3 });
    }
  }
  return rows;
}

export function pairFigures(rows: readonly PairRow[]) {
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  const ids = [...new Set(rows.map((item) => item.pair.id))];
  const both = ids.filter((id) => rows.filter((item) => item.pair.id === id).every((item) => item.hit)).length;
  return {
    pairs: ids.length,
    answers: rows.length,
    hit: share(rows.filter((item) => item.hit).length, rows.length),
    newHit: share(rows.filter((item) => item.side === "new" && item.hit).length, ids.length),
    veteranHit: share(rows.filter((item) => item.side === "veteran" && item.hit).length, ids.length),
    bothHit: share(both, ids.length),
  };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      set: { type: "string", default: "tuning" },
      verbose: { type: "boolean", default: false },
      baseline: { type: "boolean", default: false },
    },
  });
  const set = values.set === "blind" ? "blind" : "tuning";
  const app = createApp(await realAppDeps());
  const conversations = loadConversations(set);
  const { rows, alone, latencies } = await answerConversations(app, conversations, values.baseline);
  console.log(
    `second answers of ${conversations.length} conversations (${set}); follow-up p95 ${percentile(latencies, 95).toFixed(1)} ms in process`,
  );
  printFigures("all", qualityFigures(rows));
  if (values.baseline) printFigures("alone", qualityFigures(alone));
  for (const lang of ["zh-Hant", "zh-Hans", "en"] as const) {
    const inLang = rows.filter((item) => item.scenario.lang === lang);
    if (inLang.length) printFigures(lang, qualityFigures(inLang));
  }
  for (const writer of [...new Set(conversations.map((item) => item.writer))])
    printFigures(writer, qualityFigures(rows.filter((item) => item.scenario.writer === writer)));
  if (values.verbose)
    for (const item of rows) {
      const judged = item.steps.map((cited) => `${cited[0]}:${judgeStep(cited, item.judgment)[0]}`);
      console.log(
        `${item.scenario.id} ${item.scenario.scope}${item.abstained ? " ABSTAINED" : ""} from ${item.scenario.from.join(",")} top3 ${item.citations.slice(0, 3).join(",")} | ${judged.join(" ")} | ${item.scenario.scenario.slice(0, 60)}`,
      );
    }
  const pairs = loadPairs(set);
  const pairRows = await answerPairs(app, pairs);
  const f = pairFigures(pairRows);
  console.log(
    `rep-file pairs (${set}): ${f.pairs} pairs, ${f.answers} answers | tenure's section in top 3 ${f.hit.toFixed(3)} (3 weeks ${f.newHit.toFixed(3)}, 3 years ${f.veteranHit.toFixed(3)}, both ${f.bothHit.toFixed(3)})`,
  );
  if (values.verbose)
    for (const item of pairRows)
      if (!item.hit)
        console.log(
          `  miss ${item.pair.id} ${item.side}: wanted ${item.pair[item.side].from.join(",")} got ${item.top3.join(",")} | ${item.pair.text.slice(0, 60)}`,
        );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
