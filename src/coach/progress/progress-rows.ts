import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
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

const isDrill = sql`${practiceRecords.kind} = 'drill'`;
const count = (condition: SQL) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;

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

  /** One row per user in scope: counts, means, element presence, activity since `since`, last activity. */
  totals: async (db: ProgressDatabase, scope: Scope, since: string): Promise<UserTotals[]> => {
    const rows = await db
      .select({
        user: practiceRecords.ownerUser,
        drills: count(isDrill),
        roleplays: count(sql`${practiceRecords.kind} = 'roleplay'`),
        avgFabe: sql<number | null>`avg(case when ${isDrill} then ${practiceRecords.score} end)`,
        avgRoleplay: sql<
          number | null
        >`avg(case when ${practiceRecords.kind} = 'roleplay' then ${practiceRecords.score} end)`,
        f: sql<number>`coalesce(sum(${practiceRecords.f}), 0)`,
        a: sql<number>`coalesce(sum(${practiceRecords.a}), 0)`,
        b: sql<number>`coalesce(sum(${practiceRecords.b}), 0)`,
        e: sql<number>`coalesce(sum(${practiceRecords.e}), 0)`,
        drillsSince: count(sql`${isDrill} and ${practiceRecords.at} >= ${since}`),
        roleplaysSince: count(sql`${practiceRecords.kind} = 'roleplay' and ${practiceRecords.at} >= ${since}`),
        lastAt: sql<string | null>`max(${practiceRecords.at})`,
      })
      .from(practiceRecords)
      .where(inScope(scope))
      .groupBy(practiceRecords.ownerUser)
      .all();
    return rows.map((row) => ({
      user: row.user,
      drills: Number(row.drills),
      roleplays: Number(row.roleplays),
      avgFabe: row.avgFabe === null ? null : Number(row.avgFabe),
      avgRoleplay: row.avgRoleplay === null ? null : Number(row.avgRoleplay),
      present: { F: Number(row.f), A: Number(row.a), B: Number(row.b), E: Number(row.e) },
      drillsSince: Number(row.drillsSince),
      roleplaysSince: Number(row.roleplaysSince),
      lastAt: row.lastAt,
    }));
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
