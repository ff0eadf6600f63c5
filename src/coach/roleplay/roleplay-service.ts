import type { CorpusIndex } from "../../corpus/corpus-index.js";
import { AppError } from "../../lib/errors.js";
import { canSee, type Viewer } from "../../lib/viewer.js";
import { delimited } from "../../llm/delimit.js";
import { withoutReasoning } from "../../llm/json-answer.js";
import { type ChatModel, ProviderError } from "../../llm/types.js";
import { detectLanguage } from "../../retrieval/normalise.js";
import type { Lang } from "../../retrieval/types.js";
import type { FabeService } from "../fabe/fabe-service.js";
import { parseDataFile } from "../parse-data-file.js";
import { type Debrief, type DebriefData, DebriefDataSchema, debrief } from "./debrief.js";
import { MoveModelSchema } from "./move-model.js";
import { type Mode, type Persona, parsePersona } from "./persona.js";
import { type ReadMove, TurnReader } from "./read-turn.js";
import { type RoleplaySettings, RoleplaySettingsSchema } from "./roleplay-settings.js";
import type { Message, SessionRecord, SessionStore } from "./session-store.js";
import { type Call, opening, type SimState, say, startState, type TurnOutcome, takeTurn } from "./simulate.js";
import { findSlots } from "./slots.js";

/** The prompts/ files role-play reads, as loaded by a runtime. */
export interface RoleplayFiles {
  personasJson: unknown[];
  movesJson: unknown;
  debriefJson: unknown;
  /** prompts/roleplay-settings.json: thresholds, the reply stride, llm mode's limits and prompt words. */
  settingsJson: unknown;
  /** prompts/roleplay.system.md: how the model plays a persona in llm mode. */
  system: string;
  /**
   * prompts/roleplay-move-model.json's text (npm run roleplay:train), or how to read it, parsed and checked on the
   * first turn; without it, turns are read by cue words alone. Node reads the file then: an idle server does not hold
   * its megabyte of text (the Worker has it bundled).
   */
  moveModelText?: string | (() => string);
}

export interface RoleplayDeps {
  store: SessionStore;
  corpus: CorpusIndex;
  fabe: FabeService;
  toTraditional: (text: string) => string;
  toSimplified: (text: string) => string;
  /** Unguessable ids (crypto.randomUUID in every runtime). */
  newId: () => string;
  now: () => Date;
  /** In llm mode the model says the persona's lines; the state tracking is the same. */
  model?: ChatModel;
}

export const MAX_MESSAGE_CHARS = 1000;

/** What a client sees of the simulation state. */
function publicState(state: SimState) {
  return { ...state.vars, turn: state.turn, ended: state.ended };
}

/** Role-play sessions: personas from prompts/personas, offline simulation, persisted turns, debriefs. */
export class RoleplayService {
  readonly personas: Persona[];
  private readonly reader: TurnReader;
  private readonly debriefData: DebriefData;
  private readonly system: string;
  private readonly settings: RoleplaySettings;

  constructor(
    files: RoleplayFiles,
    private readonly deps: RoleplayDeps,
  ) {
    this.system = files.system;
    this.settings = parseDataFile(RoleplaySettingsSchema, files.settingsJson, "prompts/roleplay-settings.json");
    this.personas = files.personasJson.map((json) => parsePersona(json, (id) => deps.corpus.chunk(id) !== undefined));
    const text = files.moveModelText;
    const moveModel =
      text === undefined
        ? undefined
        : () =>
            parseDataFile(
              MoveModelSchema,
              JSON.parse(typeof text === "function" ? text() : text),
              "prompts/roleplay-move-model.json",
            );
    this.reader = new TurnReader(files.movesJson, deps.fabe, deps.toTraditional, this.settings, moveModel);
    this.debriefData = parseDataFile(DebriefDataSchema, files.debriefJson, "prompts/roleplay-debrief.json");
  }

  /** The moves a turn makes, as a session would read them (the move eval reads the blind turns through this). */
  readTurn(text: string, mode: Mode): ReadMove[] {
    return this.reader.read(text, mode);
  }

  /** The moves of a turn and what it calls for (call-model.ts), as a session reads them. */
  understandTurn(text: string, mode: Mode): { moves: ReadMove[]; call?: Call } {
    return this.reader.understand(text, mode);
  }

  list() {
    return this.personas.map((persona) => ({
      id: persona.id,
      mode: persona.mode,
      name: {
        "zh-Hant": persona.name["zh-Hant"],
        "zh-Hans": this.deps.toSimplified(persona.name["zh-Hant"]),
        en: persona.name.en,
      },
      summary: {
        "zh-Hant": persona.summary["zh-Hant"],
        "zh-Hans": this.deps.toSimplified(persona.summary["zh-Hant"]),
        en: persona.summary.en,
      },
      basis: persona.basis,
    }));
  }

  async create(personaId: string, lang: Lang | "auto", viewer?: Viewer) {
    const persona = this.persona(personaId);
    const id = this.deps.newId();
    const state = startState(persona, seedOf(id));
    const first: Message = {
      role: "persona",
      text: opening(persona, state, lang === "auto" ? "zh-Hant" : lang, this.deps.toSimplified),
    };
    const session: SessionRecord = {
      id,
      persona: persona.id,
      mode: persona.mode,
      lang,
      state,
      messages: [first],
      createdAt: this.deps.now().toISOString(),
      ...(viewer ? { owner: { user: viewer.user, team: viewer.team } } : {}),
    };
    await this.deps.store.create(session);
    return {
      id,
      persona: persona.id,
      mode: persona.mode,
      messages: session.messages.map(visible),
      state: publicState(state),
    };
  }

  async get(id: string, viewer?: Viewer) {
    const session = await this.session(id, viewer);
    return {
      id,
      persona: session.persona,
      mode: session.mode,
      messages: session.messages.map(visible),
      state: publicState(session.state),
      ended: session.state.ended !== null,
    };
  }

  async message(id: string, text: string, viewer?: Viewer) {
    const session = await this.session(id, viewer);
    if (session.state.ended)
      throw new AppError(
        "unprocessable",
        `This session has ended (${session.state.ended}); start a new one or ask for the debrief.`,
      );
    const persona = this.persona(session.persona);
    const lang = session.lang === "auto" ? detectLanguage(text, this.deps.toTraditional) : session.lang;
    const { moves, call } = this.reader.understand(text, persona.mode);
    const outcome = takeTurn(
      persona,
      session.state,
      moves,
      lang,
      this.deps.toSimplified,
      this.settings,
      findSlots(text),
      call,
    );
    const spoken = await this.voice(
      persona,
      session,
      outcome.reply,
      outcome.state,
      moves.map((move) => move.move),
      lang,
      text,
      outcome.replyKind,
    );
    const reply: Message = { role: "persona", text: spoken.text };
    const saved = await this.deps.store.appendTurn(
      id,
      session.state.turn,
      [{ role: "user", text, moves }, reply],
      outcome.state,
    );
    if (!saved)
      throw new AppError(
        "unprocessable",
        "Another message to this session was taken at the same time; send yours again.",
      );
    return {
      reply: visible(reply),
      state: publicState(outcome.state),
      moves: moves.map((move) => move.move),
      effects: outcome.effects,
      replyTo: outcome.situation,
      replyKind: outcome.replyKind,
      mode: spoken.mode,
      ...("model" in spoken && spoken.model ? { model: spoken.model } : {}),
      ...(spoken.fallback ? { fallback: spoken.fallback } : {}),
      ...(outcome.hint ? { hint: outcome.hint } : {}),
    };
  }

  /**
   * The persona's line: the card's own offline; in llm mode the model's rendering of it, in character.
   * A failed call, an empty or over-long answer, or one that repeats the previous reply keeps the card's line.
   */
  private async voice(
    persona: Persona,
    session: SessionRecord,
    line: string,
    state: SimState,
    moves: string[],
    lang: Lang,
    userText: string,
    kind: TurnOutcome["replyKind"],
  ) {
    const model = this.deps.model;
    if (!model) return { text: line, mode: "offline" as const };
    const { llm } = this.settings;
    const transcript = session.messages
      .slice(-llm.transcriptMessages)
      .map((message) => `${message.role === "user" ? "USER" : "YOU"}: ${message.text}`)
      .join("\n");
    const system = this.system
      .replace("{persona}", `${persona.name.en} — ${persona.summary.en}`)
      .replace("{drives}", persona.drives.en)
      .replace("{state}", JSON.stringify(state.vars))
      .replace("{moves}", moves.join(", ") || llm.noMoves)
      .replace("{line}", line)
      .replace("{kind}", llm.kinds[kind])
      .replace("{language}", llm.language[lang]);
    try {
      const answer = withoutReasoning(
        await model.complete([
          { role: "system", content: system },
          {
            role: "user",
            content: `${delimited("transcript", transcript)}\n\n${delimited("latest_message", userText)}`,
          },
        ]),
      );
      const previous = session.messages.at(-1)?.text;
      // A line of speech has words: an empty, overlong, repeated or wordless ("{}") answer is not one.
      if (!/[\p{L}]/u.test(answer) || answer.length > llm.maxReplyChars || answer === previous)
        return { text: line, mode: "offline" as const, fallback: "invalid_model_output" };
      return { text: answer, mode: "llm" as const, model: model.name };
    } catch (error) {
      if (error instanceof ProviderError) return { text: line, mode: "offline" as const, fallback: error.reason };
      throw error;
    }
  }

  async debrief(id: string, viewer?: Viewer): Promise<Debrief> {
    return (await this.debriefSession(id, viewer)).debrief;
  }

  /** The debrief and what a practice record keeps of the session: whose it is, its persona, how far it went. */
  async debriefSession(id: string, viewer?: Viewer) {
    const session = await this.session(id, viewer);
    const result = this.debriefOf(session);
    return {
      debrief: result,
      session: {
        sessionId: id,
        persona: session.persona,
        mode: session.mode,
        ...(session.owner ? { owner: session.owner } : {}),
        turns: session.messages.filter((message) => message.role === "user").length,
        ended: session.state.ended,
      },
    };
  }

  /** A debrief criterion's name in a language (a progress page names the criteria a rep missed most). */
  criterionName(id: string, lang: Lang): string {
    this.criterionLabels ??= new Map(
      [...this.debriefData["manager-rep"], ...this.debriefData["rep-customer"]].map((criterion) => [
        criterion.id,
        criterion.label,
      ]),
    );
    return this.criterionLabels.get(id)?.[lang] ?? id;
  }
  private criterionLabels?: Map<string, DebriefData["manager-rep"][number]["label"]>;

  private debriefOf(session: SessionRecord): Debrief {
    const persona = this.persona(session.persona);
    const userMessages = session.messages.filter((message) => message.role === "user");
    const lang =
      session.lang !== "auto"
        ? session.lang
        : userMessages.length
          ? detectLanguage(userMessages.at(-1)?.text ?? "", this.deps.toTraditional)
          : "zh-Hant";
    return debrief(
      userMessages.map((message) => ({ moves: message.moves ?? [] })),
      persona,
      session.state.ended,
      lang,
      this.debriefData,
      this.deps.corpus,
      this.deps.toSimplified,
    );
  }

  /** A persona's line in a language (the CLI shows the persona's name). */
  personaName(id: string, lang: Lang): string {
    const persona = this.persona(id);
    return say(persona.name, lang, this.deps.toSimplified);
  }

  private persona(id: string): Persona {
    const persona = this.personas.find((candidate) => candidate.id === id);
    if (!persona)
      throw new AppError("not_found", `No persona "${id.slice(0, 60)}"; GET /api/roleplay/personas lists them.`);
    return persona;
  }

  /** The session, if it exists and the viewer (when tokens are on) may see it; else the same 404 either way. */
  private async session(id: string, viewer?: Viewer): Promise<SessionRecord> {
    const session = /^[0-9a-f-]{36}$/.test(id) ? await this.deps.store.get(id) : undefined;
    if (!session || (viewer && !canSee(viewer, session.owner)))
      throw new AppError("not_found", "No role-play session with that id.");
    return session;
  }
}

function visible(message: Message) {
  return { role: message.role, text: message.text };
}

/** A stable number from the session id, so a session's replies replay identically. */
function seedOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (Math.imul(hash, 31) + id.charCodeAt(i)) >>> 0;
  return hash % 1000;
}
