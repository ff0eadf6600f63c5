import { AppError } from "../../lib/errors.js";
import type { Viewer } from "../../lib/viewer.js";
import type { Lang } from "../../retrieval/types.js";
import type { AdviceService } from "../advice/advise.js";
import { formatAdviceText } from "../advice/format-text.js";
import type { ChatStore, ConversationSummary } from "./chat-store.js";
import { carriedFrom, type DiagnosisLabels, followUpRequest, nextState, type RepContext } from "./follow-up.js";
import { ownerOf } from "./owner.js";
import { deriveRep } from "./rep-file.js";
import type { Carried, ChatMessage, ConversationRecord, Owner } from "./types.js";

/** A conversation's title: the start of its first message. */
const TITLE_CHARS = 40;
/** Notes of a rep's file an answer is read with (newest first). */
const NOTES_READ = 3;

export interface ConversationServiceDeps {
  store: ChatStore;
  advice: AdviceService;
  newId: () => string;
  now: () => Date;
}

export interface ConversationView {
  id: string;
  repId: string | null;
  title: string;
  createdAt: string;
  updatedAt: string;
  messages: ChatMessage[];
}

export interface TurnAnswer {
  message: ChatMessage;
  carried: Carried | null;
}

/**
 * The manager's conversations with the coach (DESIGN §7): each follow-up is answered in the context of the earlier
 * turns and of the rep's file the conversation is about, and a turn is acknowledged only once it is stored.
 */
export class ConversationService {
  constructor(private readonly deps: ConversationServiceDeps) {}

  async create(request: { repId?: string; lang: Lang | "auto" }, viewer: Viewer | undefined) {
    const owner = ownerOf(viewer);
    if (request.repId && !(await this.deps.store.getRep(owner, request.repId)))
      throw new AppError("not_found", `No rep file ${request.repId}.`);
    const at = this.deps.now().toISOString();
    const conversation: ConversationRecord = {
      id: this.deps.newId(),
      owner,
      repId: request.repId ?? null,
      title: "",
      lang: request.lang,
      state: { diagnosis: {}, earlier: [], cited: [] },
      turns: 0,
      createdAt: at,
      updatedAt: at,
    };
    await this.deps.store.createConversation(conversation);
    return { ...view(conversation), messages: [] as ChatMessage[] };
  }

  list(viewer: Viewer | undefined, repId?: string): Promise<ConversationSummary[]> {
    return this.deps.store.listConversations(ownerOf(viewer), repId);
  }

  async get(id: string, viewer: Viewer | undefined): Promise<ConversationView> {
    const conversation = await this.record(ownerOf(viewer), id);
    return { ...view(conversation), messages: await this.deps.store.listMessages(id) };
  }

  async remove(id: string, viewer: Viewer | undefined): Promise<void> {
    if (!(await this.deps.store.deleteConversation(ownerOf(viewer), id)))
      throw new AppError("not_found", `No conversation ${id}.`);
  }

  /**
   * Answers a message in a conversation. `onDelta` receives the answer's text as it is produced; the turn (the
   * manager's message and the answer) is stored in one transaction before this returns.
   */
  async message(
    id: string,
    request: { text: string; lang?: Lang },
    viewer: Viewer | undefined,
    onDelta?: (text: string) => void | Promise<void>,
  ): Promise<TurnAnswer> {
    const owner = ownerOf(viewer);
    const conversation = await this.record(owner, id);
    const rep = await this.repContext(owner, conversation.repId);
    const { advice: service } = this.deps;
    const queryLang = service.languageOf(request.text);
    const lang = request.lang ?? (conversation.lang === "auto" ? queryLang : conversation.lang);
    const labels: DiagnosisLabels = (dimension, value, language) => service.label(dimension, value, language);
    const followUp = followUpRequest(
      { text: request.text, lang: queryLang, state: conversation.state, ...(rep ? { rep } : {}) },
      service.settings.followUp,
      labels,
    );
    const carried =
      carriedFrom(
        {
          state: conversation.state,
          turns: conversation.turns,
          ...(rep ? { rep } : {}),
          ...(conversation.turns > 0 ? { followUpDiagnosis: service.read(request.text) } : {}),
        },
        lang,
        labels,
      ) ?? null;
    if (carried && onDelta) await onDelta(`${carried.text}\n`);
    const advice = await service.adviseReadings(followUp.readings, lang, onDelta, followUp.context);
    const at = this.deps.now().toISOString();
    const asked: ChatMessage = { id: this.deps.newId(), role: "manager", text: request.text, at };
    const text = formatAdviceText(advice, service.terminalWords);
    const answer: ChatMessage = {
      id: this.deps.newId(),
      role: "coach",
      text: carried ? `${carried.text}\n\n${text}` : text,
      advice,
      ...(carried ? { carried } : {}),
      at,
    };
    const state = nextState(
      conversation.state,
      request.text,
      advice.diagnosis,
      advice.citations.map((chunk) => chunk.id),
    );
    const titled = conversation.turns === 0 ? { ...conversation, title: titleOf(request.text) } : conversation;
    if (!(await this.deps.store.appendTurn(titled, [asked, answer], state, at)))
      throw new AppError(
        "unprocessable",
        "Another message in this conversation was answered at the same time; reload it and send yours again.",
      );
    return { message: answer, carried };
  }

  /** A 404 unless the rep's file is the caller's (checked before a stream opens). */
  async requireRep(repId: string, viewer: Viewer | undefined): Promise<void> {
    if (!(await this.deps.store.getRep(ownerOf(viewer), repId)))
      throw new AppError("not_found", `No rep file ${repId}.`);
  }

  /**
   * One-shot advice about a rep (`POST /api/advice` with `repId`): read with the rep's file as a conversation's first
   * turn is, nothing stored. The answer's diagnosis shows what the file decided.
   */
  async adviseAbout(
    repId: string,
    request: { text: string; lang?: Lang },
    viewer: Viewer | undefined,
    onDelta?: (text: string) => void | Promise<void>,
  ) {
    const rep = await this.repContext(ownerOf(viewer), repId);
    if (!rep) throw new AppError("not_found", `No rep file ${repId}.`);
    const { advice: service } = this.deps;
    const labels: DiagnosisLabels = (dimension, value, language) => service.label(dimension, value, language);
    const followUp = followUpRequest(
      {
        text: request.text,
        lang: service.languageOf(request.text),
        state: { diagnosis: {}, earlier: [], cited: [] },
        rep,
      },
      service.settings.followUp,
      labels,
    );
    return service.adviseReadings(followUp.readings, request.lang, onDelta, followUp.context);
  }

  private async record(owner: Owner, id: string): Promise<ConversationRecord> {
    const conversation = await this.deps.store.getConversation(owner, id);
    if (!conversation) throw new AppError("not_found", `No conversation ${id}.`);
    return conversation;
  }

  private async repContext(owner: Owner, repId: string | null): Promise<RepContext | undefined> {
    if (!repId) return undefined;
    const rep = await this.deps.store.getRep(owner, repId);
    if (!rep) return undefined;
    return {
      rep,
      derived: deriveRep(rep, this.deps.now()),
      notes: await this.deps.store.listNotes(rep.id, NOTES_READ),
    };
  }
}

function view(conversation: ConversationRecord) {
  const { id, repId, title, createdAt, updatedAt } = conversation;
  return { id, repId, title, createdAt, updatedAt };
}

function titleOf(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS)}…` : line;
}
