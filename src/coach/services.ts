import type { CorpusIndex } from "../corpus/corpus-index.js";
import { toSimplified, toTraditional } from "../lib/script.js";
import type { ChatModel } from "../llm/types.js";
import type { Retriever } from "../retrieval/retriever.js";
import type { AdviceService } from "./advice/advise.js";
import { type AdvicePromptFiles, createAdviceService } from "./advice/create-advice.js";
import type { ChatStore } from "./chat/chat-store.js";
import { ConversationService } from "./chat/conversation-service.js";
import { RepService } from "./chat/rep-service.js";
import { type FabeFiles, FabeService } from "./fabe/fabe-service.js";
import { ProgressService } from "./progress/progress-service.js";
import type { ProgressStore } from "./progress/progress-store.js";
import { type RoleplayFiles, RoleplayService } from "./roleplay/roleplay-service.js";
import type { SessionStore } from "./roleplay/session-store.js";

/** The prompt and data files the coaching services read (files on Node, bundled on Workers). */
export interface CoachFiles {
  advicePrompts: AdvicePromptFiles;
  fabe: FabeFiles;
  roleplay: RoleplayFiles;
  /** prompts/progress.json: the next-drill rule's settings and the words of its reasons. */
  progressJson: unknown;
}

export interface CoachServiceDeps {
  corpus: CorpusIndex;
  retriever: Retriever;
  files: CoachFiles;
  /** corpus/passage-situations.tsv: what each passage answers (advice re-ranks by it). */
  situationsTsv: string;
  /** corpus/manager-situations.tsv: managers' own words for when each passage is needed. */
  managerSituationsTsv: string | (() => string);
  /** Where role-play sessions live: SQLite on Node, D1 on Workers. */
  sessions: SessionStore;
  /** Where conversations and rep files live: SQLite on Node, D1 on Workers. */
  chat: ChatStore;
  /** Where practice records live: SQLite on Node, D1 on Workers. */
  progress: ProgressStore;
  /** The users the tokens know in a team (none without COACH_TOKENS). */
  roster?: (team: string) => ReadonlyArray<{ user: string; role: "rep" | "manager" }>;
  /** Present in llm mode. */
  model?: ChatModel;
  /** Role-play session ids (a session's replies vary by its id); random unless an eval needs them repeatable. */
  newId?: () => string;
}

export interface CoachServices {
  advice: AdviceService;
  fabe: FabeService;
  roleplay: RoleplayService;
  conversations: ConversationService;
  reps: RepService;
  progress: ProgressService;
}

/** Advice, FABE and role-play wired the same way for every runtime, benchmark and eval. */
export function createCoachServices(deps: CoachServiceDeps): CoachServices {
  const { corpus, retriever, files, model } = deps;
  const withModel = model ? { model } : {};
  const fabe = new FabeService(files.fabe, corpus, toTraditional, model);
  const advice = createAdviceService({
    retriever,
    corpus,
    prompts: files.advicePrompts,
    situationsTsv: deps.situationsTsv,
    managerSituationsTsv: deps.managerSituationsTsv,
    toTraditional,
    toSimplified,
    ...withModel,
  });
  const now = () => new Date();
  const randomId = () => crypto.randomUUID();
  const reps = new RepService({ store: deps.chat, newId: randomId, now });
  const roleplay = new RoleplayService(files.roleplay, {
    store: deps.sessions,
    corpus,
    fabe,
    toTraditional,
    toSimplified,
    newId: deps.newId ?? (() => crypto.randomUUID()),
    now: () => new Date(),
    ...withModel,
  });
  const progress = new ProgressService({
    store: deps.progress,
    settingsJson: files.progressJson,
    drills: fabe.drills,
    names: {
      persona: (id, lang) =>
        roleplay.personas.some((persona) => persona.id === id) ? roleplay.personaName(id, lang) : id,
      criterion: (id, lang) => roleplay.criterionName(id, lang),
    },
    toSimplified,
    roster: deps.roster ?? (() => []),
    repFiles: async (viewer) =>
      new Map((await reps.list(viewer)).flatMap((rep) => (rep.user ? [[rep.user, rep.id] as [string, string]] : []))),
    newId: randomId,
    now,
  });
  return {
    advice,
    fabe,
    conversations: new ConversationService({ store: deps.chat, advice, newId: randomId, now }),
    reps,
    roleplay,
    progress,
  };
}
