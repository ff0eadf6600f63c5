import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "../src/app.js";
import { progressQueries } from "../src/coach/progress/progress-rows.js";
import { ELEMENTS, type PracticeRecord } from "../src/coach/progress/types.js";
import { openSqlite } from "../src/db/open-sqlite.js";
import { realAppDeps } from "../test/support/app-deps.js";

export const RECORDS = 10_000;
export const USERS = 50;
const CRITERIA = ["needs-first", "fabe", "no-promise", "no-argue", "no-boast", "respect", "customer-gain", "ask-order"];

/** A team of USERS reps and their manager, as COACH_TOKENS. */
function teamTokens() {
  const tokens: Record<string, { user: string; role: "rep" | "manager"; team: string }> = {
    "bench-manager-token-0000": { user: "manager", role: "manager", team: "bench" },
  };
  for (let i = 0; i < USERS; i++)
    tokens[`bench-rep-token-${String(i).padStart(8, "0")}`] = { user: `rep-${i}`, role: "rep", team: "bench" };
  return tokens;
}

/**
 * RECORDS practice records over USERS reps and 90 days, seven pitches to three role-plays (each with eight criteria),
 * written in one transaction with the product's own queries: the database a team has after a quarter of practice.
 */
function seed(file: string): void {
  const { db, sqlite } = openSqlite(file);
  let state = 7;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const start = Date.now() - 90 * 86_400_000;
  db.transaction(() => {
    for (let i = 0; i < RECORDS; i++) {
      const user = `rep-${i % USERS}`;
      const owner = { user, team: "bench" };
      const at = new Date(start + random() * 90 * 86_400_000).toISOString();
      const record: PracticeRecord =
        i % 10 < 7
          ? (() => {
              const present = Object.fromEntries(ELEMENTS.map((element) => [element, random() > 0.3])) as Record<
                (typeof ELEMENTS)[number],
                boolean
              >;
              return {
                kind: "drill",
                id: `bench-${i}`,
                owner,
                at,
                score: Math.round(random() * 100),
                present,
                missing: ELEMENTS.filter((element) => !present[element]),
                violations: random() > 0.8 ? ["casual-promise"] : [],
                product: "search-eroad-basic",
                drill: `drill-hant-0${1 + (i % 4)}`,
                lang: "zh-Hant",
              };
            })()
          : {
              kind: "roleplay",
              id: `bench-${i}`,
              owner,
              at,
              score: Math.round(random() * 100),
              persona: "demanding-gm",
              mode: "rep-customer",
              sessionId: `bench-session-${i}`,
              criteria: CRITERIA.map((id) => ({ id, met: random() > 0.4 })),
              turns: 6,
              ended: null,
            };
      for (const query of progressQueries.insert(db, record)) (query as unknown as { run(): void }).run();
    }
  });
  sqlite.close();
}

/**
 * `GET /api/team/progress` (the manager) and `GET /api/progress` (each rep in turn) over HTTP, on a SQLite file
 * seeded with RECORDS records for USERS reps.
 */
export async function progressTimings(
  folder: string,
  time: (rounds: number, run: () => Promise<unknown>) => Promise<number[]>,
  rounds: number,
): Promise<{ team: number[]; mine: number[] }> {
  const file = join(folder, "progress.db");
  seed(file);
  const tokens = teamTokens();
  const app = createApp(await realAppDeps({ sessionsFile: file, env: { COACH_TOKENS: JSON.stringify(tokens) } }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string, token: string) => {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return response.arrayBuffer();
  };
  try {
    const repTokens = Object.entries(tokens)
      .filter(([, viewer]) => viewer.role === "rep")
      .map(([token]) => token);
    const team = await time(rounds, () => get("/api/team/progress?lang=zh-Hant&tz=480", "bench-manager-token-0000"));
    let next = 0;
    const mine = await time(rounds, () =>
      get("/api/progress?lang=zh-Hant&tz=480", repTokens[next++ % repTokens.length] as string),
    );
    return { team, mine };
  } finally {
    server.close();
  }
}
