import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { practiceCriteria, practiceRecords, type schema } from "../../db/schema.js";
import type { Lang } from "../../retrieval/types.js";
import type { CriterionTotals, DrillRecord, Element, PracticeRecord, RoleplayRecord, UserTotals } from "./types.js";

/** Either runtime's drizzle database (better-sqlite3 is sync, D1 async): both stores run these queries. */
export type ProgressDatabase = BaseSQLiteDatabase<"sync" | "async", unknown, typeof schema>;

type RecordRow = typeof practiceRecords.$inferSelect;

/** Whose records a summary covers: one user's, or everyone's in a team. */
export type Scope = { user: string } | { team: string };

interface DrillDetail {
  missing: Element[];
  violations: string[];
  lang: Lang;
}
interface RoleplayDetail {
  mode: RoleplayRecord["mode"];
  criteria: RoleplayRecord["criteria"];
  turns: number;
  ended: string | null;
}

function recordRow(record: PracticeRecord): RecordRow {
  const base = {
    id: record.id,
    ownerUser: record.owner.user,
    ownerTeam: record.owner.team,
    kind: record.kind,
    at: record.at,
    score: record.score,
  };
  if (record.kind === "drill") {
    const bit = (element: Element) => (record.present[element] ? 1 : 0);
    const detail: DrillDetail = { missing: record.missing, violations: record.violations, lang: record.lang };
    return {
      ...base,
      f: bit("F"),
      a: bit("A"),
      b: bit("B"),
      e: bit("E"),
      product: record.product ?? null,
      drill: record.drill ?? null,
      persona: null,
      sessionId: null,
      detail: JSON.stringify(detail),
    };
  }
  const detail: RoleplayDetail = {
    mode: record.mode,
    criteria: record.criteria,
    turns: record.turns,
    ended: record.ended,
  };
  return {
    ...base,
    f: null,
    a: null,
    b: null,
    e: null,
    product: null,
    drill: null,
    persona: record.persona,
    sessionId: record.sessionId,
    detail: JSON.stringify(detail),
  };
}

export function recordFromRow(row: RecordRow): PracticeRecord {
  const owner = { user: row.ownerUser, team: row.ownerTeam };
  if (row.kind === "drill") {
    const detail = JSON.parse(row.detail) as DrillDetail;
    const drill: DrillRecord = {
      kind: "drill",
      id: row.id,
      owner,
      at: row.at,
      score: row.score,
      present: { F: row.f === 1, A: row.a === 1, B: row.b === 1, E: row.e === 1 },
      missing: detail.missing,
      violations: detail.violations,
      lang: detail.lang,
      ...(row.product ? { product: row.product } : {}),
      ...(row.drill ? { drill: row.drill } : {}),
    };
    return drill;
  }
  const detail = JSON.parse(row.detail) as RoleplayDetail;
  return {
    kind: "roleplay",
    id: row.id,
    owner,
    at: row.at,
    score: row.score,
    persona: row.persona ?? "",
    mode: detail.mode,
    sessionId: row.sessionId ?? "",
    criteria: detail.criteria,
    turns: detail.turns,
    ended: detail.ended,
  };
}

const inScope = (scope: Scope) =>
  "user" in scope ? eq(practiceRecords.ownerUser, scope.user) : eq(practiceRecords.ownerTeam, scope.team);
const criteriaInScope = (scope: Scope) =>
  "user" in scope ? eq(practiceCriteria.ownerUser, scope.user) : eq(practiceCriteria.ownerTeam, scope.team);

/** A user with no records: what a rep who never practised shows. */
export function emptyTotals(user: string): UserTotals {
  return {
    user,
    drills: 0,
    roleplays: 0,
    avgFabe: null,
    avgRoleplay: null,
    present: { F: 0, A: 0, B: 0, E: 0 },
    drillsSince: 0,
    roleplaysSince: 0,
    lastAt: null,
  };
}

/**
 * The progress store's queries, written once for both runtimes. Reads run as they are; each write is a list of
 * queries the store runs atomically (a SQLite transaction, a D1 batch). Criteria rows go before their record's
 * deletion and after its insertion: D1 enforces the foreign key.
 */
export const progressQueries = {
  insert: (db: ProgressDatabase, record: PracticeRecord) => {
    const writes = [db.insert(practiceRecords).values(recordRow(record))];
    if (record.kind === "roleplay" && record.criteria.length > 0)
      return [
        ...writes,
        db.insert(practiceCriteria).values(
          record.criteria.map((criterion) => ({
            recordId: record.id,
            ownerUser: record.owner.user,
            ownerTeam: record.owner.team,
            criterion: criterion.id,
            met: criterion.met ? 1 : 0,
          })),
        ),
      ];
    return writes;
  },

  /** A session's record goes, with its criteria, before a new one is written. */
  deleteSession: (db: ProgressDatabase, sessionId: string) => [
    db
      .delete(practiceCriteria)
      .where(
        inArray(
          practiceCriteria.recordId,
          db.select({ id: practiceRecords.id }).from(practiceRecords).where(eq(practiceRecords.sessionId, sessionId)),
        ),
      ),
    db.delete(practiceRecords).where(eq(practiceRecords.sessionId, sessionId)),
  ],

  selectSession: async (db: ProgressDatabase, sessionId: string) => {
    const row = await db.select().from(practiceRecords).where(eq(practiceRecords.sessionId, sessionId)).get();
    return row ? recordFromRow(row) : undefined;
  },

  /** A user's newest records of one kind, newest first. */
  selectRecent: async (db: ProgressDatabase, user: string, kind: PracticeRecord["kind"], limit: number) =>
    (
      await db
        .select()
        .from(practiceRecords)
        .where(and(eq(practiceRecords.ownerUser, user), eq(practiceRecords.kind, kind)))
        .orderBy(desc(practiceRecords.at), desc(practiceRecords.id))
        .limit(limit)
        .all()
    ).map(recordFromRow),

  /** Every record of a user, oldest first (the CSV export). */
  selectAll: async (db: ProgressDatabase, user: string) =>
    (
      await db
        .select()
        .from(practiceRecords)
        .where(eq(practiceRecords.ownerUser, user))
        .orderBy(asc(practiceRecords.at), asc(practiceRecords.id))
        .all()
    ).map(recordFromRow),

  /**
   * One row per user in scope: counts, means, element presence, activity since `since`, last activity. Grouped by
   * user and kind (two rows a user, read from the covering index alone), then put together here: a CASE per column
   * over every row costs twice as much on a team of 10,000 records.
   */
  totals: async (db: ProgressDatabase, scope: Scope, since: string): Promise<UserTotals[]> => {
    const rows = await db
      .select({
        user: practiceRecords.ownerUser,
        kind: practiceRecords.kind,
        count: sql<number>`count(*)`,
        avg: sql<number>`avg(${practiceRecords.score})`,
        f: sql<number | null>`sum(${practiceRecords.f})`,
        a: sql<number | null>`sum(${practiceRecords.a})`,
        b: sql<number | null>`sum(${practiceRecords.b})`,
        e: sql<number | null>`sum(${practiceRecords.e})`,
        since: sql<number>`sum(${practiceRecords.at} >= ${since})`,
        lastAt: sql<string>`max(${practiceRecords.at})`,
      })
      .from(practiceRecords)
      .where(inScope(scope))
      .groupBy(practiceRecords.ownerUser, practiceRecords.kind)
      .all();
    const byUser = new Map<string, UserTotals>();
    for (const row of rows) {
      const totals = byUser.get(row.user) ?? emptyTotals(row.user);
      const count = Number(row.count);
      if (row.kind === "drill") {
        totals.drills = count;
        totals.avgFabe = Number(row.avg);
        totals.present = { F: Number(row.f ?? 0), A: Number(row.a ?? 0), B: Number(row.b ?? 0), E: Number(row.e ?? 0) };
        totals.drillsSince = Number(row.since);
      } else {
        totals.roleplays = count;
        totals.avgRoleplay = Number(row.avg);
        totals.roleplaysSince = Number(row.since);
      }
      if (!totals.lastAt || row.lastAt > totals.lastAt) totals.lastAt = row.lastAt;
      byUser.set(row.user, totals);
    }
    return [...byUser.values()];
  },

  /** How often each criterion was missed, per user in scope. */
  criteria: async (db: ProgressDatabase, scope: Scope): Promise<CriterionTotals[]> =>
    (
      await db
        .select({
          user: practiceCriteria.ownerUser,
          criterion: practiceCriteria.criterion,
          missed: sql<number>`sum(1 - ${practiceCriteria.met})`,
          of: sql<number>`count(*)`,
        })
        .from(practiceCriteria)
        .where(criteriaInScope(scope))
        .groupBy(practiceCriteria.ownerUser, practiceCriteria.criterion)
        .all()
    ).map((row) => ({ ...row, missed: Number(row.missed), of: Number(row.of) })),

  /** A user's role-plays per persona: how many and their mean score. */
  personas: async (db: ProgressDatabase, user: string) =>
    (
      await db
        .select({
          persona: practiceRecords.persona,
          sessions: sql<number>`count(*)`,
          avg: sql<number>`avg(${practiceRecords.score})`,
          best: sql<number>`max(${practiceRecords.score})`,
          lastAt: sql<string>`max(${practiceRecords.at})`,
        })
        .from(practiceRecords)
        .where(and(eq(practiceRecords.ownerUser, user), eq(practiceRecords.kind, "roleplay")))
        .groupBy(practiceRecords.persona)
        .all()
    ).map((row) => ({
      persona: row.persona ?? "",
      sessions: Number(row.sessions),
      avg: Number(row.avg),
      best: Number(row.best),
      lastAt: row.lastAt,
    })),

  /** The distinct days (at the user's UTC offset, in minutes east) a user practised, newest first. */
  days: async (db: ProgressDatabase, user: string, offsetMinutes: number, limit: number) =>
    (
      await db
        .selectDistinct({
          day: sql<string>`substr(datetime(${practiceRecords.at}, ${`${offsetMinutes} minutes`}), 1, 10)`,
        })
        .from(practiceRecords)
        .where(eq(practiceRecords.ownerUser, user))
        .orderBy(desc(sql`1`))
        .limit(limit)
        .all()
    ).map((row) => row.day),

  /** Whether anyone of `team` has records under `user` (a manager's drill-down). */
  inTeam: async (db: ProgressDatabase, team: string, user: string) =>
    (await db
      .select({ id: practiceRecords.id })
      .from(practiceRecords)
      .where(and(eq(practiceRecords.ownerTeam, team), eq(practiceRecords.ownerUser, user)))
      .limit(1)
      .get()) !== undefined,

  deleteAll: (db: ProgressDatabase, user: string) => [
    db.delete(practiceCriteria).where(eq(practiceCriteria.ownerUser, user)),
    db.delete(practiceRecords).where(eq(practiceRecords.ownerUser, user)),
  ],
};
