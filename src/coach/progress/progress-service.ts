import { AppError } from "../../lib/errors.js";
import type { Viewer } from "../../lib/viewer.js";
import type { Lang } from "../../retrieval/types.js";
import { ownerOf } from "../chat/owner.js";
import { parseDataFile } from "../parse-data-file.js";
import { toCsv } from "./csv.js";
import { chooseNextDrill, type NextChoice, type PastPitch } from "./next-drill.js";
import { emptyTotals } from "./progress-rows.js";
import { type ProgressSettings, ProgressSettingsSchema } from "./progress-settings.js";
import type { ProgressStore } from "./progress-store.js";
import { streakOf, weekStart } from "./time.js";
import {
  type CriterionTotals,
  type DrillRecord,
  ELEMENTS,
  type Element,
  type PracticeRecord,
  type RoleplayRecord,
  type UserTotals,
} from "./types.js";

/** A practice prompt, as the rule needs it (corpus/drills.json). */
export interface DrillPrompt {
  id: string;
  lang: Lang;
  focus: Element | "all";
}

/** What a scored pitch gives a record (the FABE result's fields). */
export interface ScoredPitch {
  score: number;
  present: Record<Element, boolean>;
  missing: Element[];
  violations: ReadonlyArray<{ rule: string }>;
  product?: string;
  lang: Lang;
}

/** What a debrief gives a record. */
export interface DebriefedSession {
  sessionId: string;
  persona: string;
  mode: RoleplayRecord["mode"];
  /** Who practised: the session's owner (a manager reading a rep's debrief does not make it theirs). */
  owner?: { user: string; team: string };
  score: number;
  criteria: ReadonlyArray<{ id: string; met: boolean }>;
  turns: number;
  ended: string | null;
}

export interface ProgressDeps {
  store: ProgressStore;
  settingsJson: unknown;
  drills: readonly DrillPrompt[];
  /** Names in a language: a persona's, a debrief criterion's. */
  names: { persona: (id: string, lang: Lang) => string; criterion: (id: string, lang: Lang) => string };
  toSimplified: (text: string) => string;
  /** The users of a team that the tokens know (COACH_TOKENS), so that a rep who never practised still has a row. */
  roster: (team: string) => ReadonlyArray<{ user: string; role: "rep" | "manager" }>;
  /** The manager's rep files that name a login: user → file id (the chat issue's files). */
  repFiles: (viewer: Viewer | undefined) => Promise<Map<string, string>>;
  newId: () => string;
  now: () => Date;
}

/** Reading options of a progress page: its language and the reader's UTC offset (minutes east) for days and weeks. */
export interface ReadOptions {
  lang: Lang;
  offsetMinutes: number;
}

/**
 * Practice records: every scored pitch and debriefed role-play, kept for whoever practised; a rep's progress with the
 * next drill; a manager's team. A rep reads only their own; a manager their team's (another team's user is a 404).
 */
export class ProgressService {
  private readonly settings: ProgressSettings;
  /** Each practice prompt's focus, by its id. */
  private readonly focusOf: ReadonlyMap<string, DrillPrompt["focus"]>;

  constructor(private readonly deps: ProgressDeps) {
    this.settings = parseDataFile(ProgressSettingsSchema, deps.settingsJson, "prompts/progress.json");
    this.focusOf = new Map(deps.drills.map((drill) => [drill.id, drill.focus]));
  }

  async recordDrill(pitch: ScoredPitch, drill: string | undefined, viewer: Viewer | undefined): Promise<void> {
    const record: DrillRecord = {
      kind: "drill",
      id: this.deps.newId(),
      owner: ownerOf(viewer),
      at: this.deps.now().toISOString(),
      score: pitch.score,
      present: pitch.present,
      missing: pitch.missing,
      violations: [...new Set(pitch.violations.map((violation) => violation.rule))],
      lang: pitch.lang,
      ...(pitch.product ? { product: pitch.product } : {}),
      ...(drill ? { drill } : {}),
    };
    await this.deps.store.add(record);
  }

  /**
   * A debrief's record, in place of the session's earlier one. A session with no turn of the user's is not practice;
   * a debrief of what was already recorded (the same turns: a manager reading it, a reload) changes nothing.
   */
  async recordRoleplay(session: DebriefedSession, viewer: Viewer | undefined): Promise<void> {
    if (session.turns === 0) return;
    const earlier = await this.deps.store.sessionRecord(session.sessionId);
    if (earlier?.kind === "roleplay" && earlier.turns === session.turns) return;
    await this.deps.store.replaceSession({
      kind: "roleplay",
      id: this.deps.newId(),
      owner: session.owner ?? ownerOf(viewer),
      at: this.deps.now().toISOString(),
      score: session.score,
      persona: session.persona,
      mode: session.mode,
      sessionId: session.sessionId,
      criteria: session.criteria.map((criterion) => ({ id: criterion.id, met: criterion.met })),
      turns: session.turns,
      ended: session.ended,
    });
  }

  /** `GET /api/progress`: the caller's own. */
  mine(viewer: Viewer | undefined, options: ReadOptions) {
    return this.progressOf(ownerOf(viewer).user, options);
  }

  /** `GET /api/team/progress/:user`: a member of the manager's team; anyone else is a 404, as for sessions. */
  async member(viewer: Viewer | undefined, user: string, options: ReadOptions) {
    // A rep asking about someone gets the answer a stranger's session gets: nothing says whether they exist.
    if (viewer && viewer.role !== "manager") throw new AppError("not_found", "No one of that name in your team.");
    const team = this.teamOf(viewer);
    const known =
      this.deps.roster(team).some((member) => member.user === user) || (await this.deps.store.inTeam(team, user));
    if (!known) throw new AppError("not_found", "No one of that name in your team.");
    return this.progressOf(user, options);
  }

  /** `GET /api/team/progress`: one row per member of the manager's team (those with no practice too). */
  async team(viewer: Viewer | undefined, options: ReadOptions) {
    const team = this.teamOf(viewer);
    const since = weekStart(this.deps.now(), options.offsetMinutes);
    const [totals, criteria, files] = await Promise.all([
      this.deps.store.totals({ team }, since),
      this.deps.store.criteria({ team }),
      this.deps.repFiles(viewer),
    ]);
    const byUser = new Map(totals.map((row) => [row.user, row]));
    for (const member of this.deps.roster(team))
      if (member.role === "rep" && !byUser.has(member.user)) byUser.set(member.user, emptyTotals(member.user));
    return [...byUser.values()]
      .sort((x, y) => x.user.localeCompare(y.user))
      .map((row) => {
        const weakest = this.weakestCriterion(
          criteria.filter((entry) => entry.user === row.user),
          options.lang,
        );
        const repId = files.get(row.user);
        return {
          user: row.user,
          drills: row.drills,
          roleplays: row.roleplays,
          avgFabe: round(row.avgFabe),
          avgRoleplay: round(row.avgRoleplay),
          weakestElement: weakestElement(row),
          weakestCriterion: weakest,
          lastAt: row.lastAt,
          thisWeek: { drills: row.drillsSince, roleplays: row.roleplaysSince },
          ...(repId ? { repId } : {}),
        };
      });
  }

  /** `GET /api/progress/export.csv`: every record of the caller's, oldest first. */
  async exportCsv(viewer: Viewer | undefined): Promise<string> {
    const records = await this.deps.store.all(ownerOf(viewer).user);
    return toCsv(
      [
        "kind",
        "at",
        "score",
        "product",
        "drill",
        "F",
        "A",
        "B",
        "E",
        "missing",
        "violations",
        "persona",
        "session",
        "criteria_met",
        "criteria_missed",
      ],
      records.map((record) =>
        record.kind === "drill"
          ? [
              "drill",
              record.at,
              record.score,
              record.product ?? "",
              record.drill ?? "",
              ...ELEMENTS.map((element) => (record.present[element] ? 1 : 0)),
              record.missing.join(" "),
              record.violations.join(" "),
              "",
              "",
              "",
              "",
            ]
          : [
              "roleplay",
              record.at,
              record.score,
              "",
              "",
              "",
              "",
              "",
              "",
              "",
              "",
              record.persona,
              record.sessionId,
              criteriaWith(record, true),
              criteriaWith(record, false),
            ],
      ),
    );
  }

  /** `DELETE /api/progress`: every record of the caller's, for real. */
  async deleteMine(viewer: Viewer | undefined): Promise<number> {
    return this.deps.store.deleteAll(ownerOf(viewer).user);
  }

  private teamOf(viewer: Viewer | undefined): string {
    if (viewer && viewer.role !== "manager")
      throw new AppError("forbidden", "The team's progress is for managers; GET /api/progress shows your own.");
    return ownerOf(viewer).team;
  }

  private async progressOf(user: string, options: ReadOptions) {
    const { store } = this.deps;
    const now = this.deps.now();
    const limit = this.settings.recentLimit;
    const [drills, roleplays, totals, criteria, personas, days] = await Promise.all([
      store.recent(user, "drill", limit),
      store.recent(user, "roleplay", limit),
      store.totals({ user }, weekStart(now, options.offsetMinutes)),
      store.criteria({ user }),
      store.personas(user),
      store.days(user, options.offsetMinutes, 400),
    ]);
    const row = totals[0] ?? emptyTotals(user);
    const pitches = drills.filter((record): record is DrillRecord => record.kind === "drill");
    const sessions = roleplays.filter((record): record is RoleplayRecord => record.kind === "roleplay");
    const lang = options.lang;
    return {
      user,
      drills: pitches.map((record) => ({
        id: record.id,
        at: record.at,
        score: record.score,
        present: record.present,
        missing: record.missing,
        violations: record.violations,
        product: record.product ?? null,
        drill: record.drill ?? null,
      })),
      roleplays: sessions.map((record) => ({
        id: record.id,
        at: record.at,
        persona: record.persona,
        personaName: this.deps.names.persona(record.persona, lang),
        mode: record.mode,
        sessionId: record.sessionId,
        score: record.score,
        ended: record.ended,
        criteria: record.criteria.map((criterion) => ({
          ...criterion,
          name: this.deps.names.criterion(criterion.id, lang),
        })),
      })),
      next: this.next(pitches, lang),
      summary: {
        drills: row.drills,
        roleplays: row.roleplays,
        avgFabe: round(row.avgFabe),
        avgRoleplay: round(row.avgRoleplay),
        presence: Object.fromEntries(
          ELEMENTS.map((element) => [element, row.drills ? round(row.present[element] / row.drills, 3) : null]),
        ) as Record<Element, number | null>,
        weakestElement: weakestElement(row),
        thisWeek: { drills: row.drillsSince, roleplays: row.roleplaysSince },
        streak: streakOf(days, now, options.offsetMinutes),
        lastAt: row.lastAt,
        personas: personas.map((entry) => ({
          ...entry,
          name: this.deps.names.persona(entry.persona, lang),
          avg: round(entry.avg) ?? 0,
        })),
        missedCriteria: criteria
          .filter((entry) => entry.missed > 0)
          .sort((x, y) => y.missed / y.of - x.missed / x.of || y.missed - x.missed)
          .map((entry) => ({
            id: entry.criterion,
            name: this.deps.names.criterion(entry.criterion, lang),
            missed: entry.missed,
            of: entry.of,
          })),
      },
    };
  }

  /** The next drill: the rule's element, its reason in words, and a practice prompt on it in the reader's language. */
  private next(pitches: readonly DrillRecord[], lang: Lang) {
    const past: PastPitch[] = pitches.map((record) => {
      const focus = record.drill ? this.focusOf.get(record.drill) : undefined;
      return { present: record.present, ...(focus ? { focus } : {}) };
    });
    const choice = chooseNextDrill(past, this.settings);
    return {
      element: choice.element,
      reason: this.reasonText(choice, lang),
      drill: this.drillFor(choice, pitches, lang),
    };
  }

  /** A prompt on the element in the reader's language: of several, the one this rep answered least recently. */
  private drillFor(choice: NextChoice, pitches: readonly DrillRecord[], lang: Lang): string | null {
    const onFocus = this.deps.drills.filter((drill) => drill.focus === choice.element);
    const candidates = onFocus.filter((drill) => drill.lang === lang);
    const pool = candidates.length > 0 ? candidates : onFocus;
    const lastDone = (id: string) => {
      const index = pitches.findIndex((record) => record.drill === id);
      return index < 0 ? Number.POSITIVE_INFINITY : index;
    };
    return [...pool].sort((x, y) => lastDone(y.id) - lastDone(x.id))[0]?.id ?? null;
  }

  private reasonText(choice: NextChoice, lang: Lang): string {
    const { reasons, elements } = this.settings;
    const reason = choice.reason;
    const words = reason.kind === "missed" && reason.of === 1 ? reasons.missedFirst : reasons[reason.kind];
    const template = lang === "en" ? words.en : words["zh-Hant"];
    const element = "element" in reason ? reason.element : undefined;
    const name = element ? (lang === "en" ? elements[element].en : elements[element]["zh-Hant"]) : "";
    const filled = template.replace(/\{(\w+)\}/g, (_whole, key: string) => {
      if (key === "name") return name;
      const value = (reason as Record<string, unknown>)[key];
      return value === undefined ? "" : String(value);
    });
    return lang === "zh-Hans" ? this.deps.toSimplified(filled) : filled;
  }

  private weakestCriterion(entries: readonly CriterionTotals[], lang: Lang) {
    const worst = entries
      .filter((entry) => entry.missed > 0)
      .sort(
        (x, y) => y.missed / y.of - x.missed / x.of || y.missed - x.missed || x.criterion.localeCompare(y.criterion),
      )[0];
    return worst
      ? {
          id: worst.criterion,
          name: this.deps.names.criterion(worst.criterion, lang),
          missed: worst.missed,
          of: worst.of,
        }
      : null;
  }
}

/** The element present least often (the handbook's order breaks ties); null without drills or if none was missed. */
function weakestElement(row: UserTotals): Element | null {
  if (row.drills === 0) return null;
  const weakest = [...ELEMENTS].sort((x, y) => row.present[x] - row.present[y])[0] as Element;
  return row.present[weakest] < row.drills ? weakest : null;
}

function criteriaWith(record: PracticeRecord, met: boolean): string {
  return record.kind === "roleplay"
    ? record.criteria
        .filter((criterion) => criterion.met === met)
        .map((criterion) => criterion.id)
        .join(" ")
    : "";
}

function round(value: number | null, digits = 1): number | null {
  if (value === null) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
