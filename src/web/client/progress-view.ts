import { getSession, type Progress } from "./api.js";
import { scoreChart } from "./chart.js";
import { type Child, el, fill, showError } from "./dom.js";
import { currentLang, t, tf } from "./i18n.js";

const ELEMENTS = ["F", "A", "B", "E"] as const;

/** A date and time in the reader's locale. */
export function when(at: string | null): string {
  if (!at) return t("never");
  const locale = currentLang() === "en" ? "en" : currentLang();
  return new Date(at).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
const figure = (value: number | null) => (value === null ? "—" : String(value));

/**
 * A rep's practice, as the rep sees it on /progress and their manager on /team?u=: the next drill, the figures, the
 * FABE score over time (chart and table), each element's presence, role-plays by persona, the criteria most often
 * missed and the latest role-plays. `transcripts` adds a button to each role-play that shows its transcript.
 */
export function progressView(progress: Progress, options: { own: boolean; transcripts: boolean }): HTMLElement {
  const { summary, next } = progress;
  const nextCard = el(
    "section",
    { class: "next-drill", "aria-labelledby": "next-title" },
    el(
      "h2",
      { id: "next-title" },
      t("nextDrill"),
      ": ",
      next.element === "all" ? t("wholePitch") : `${next.element} ${t(next.element)}`,
    ),
    el("p", { id: "next-reason" }, next.reason),
    options.own && next.drill
      ? el(
          "a",
          { class: "button", id: "start-next", href: `/drill?drill=${encodeURIComponent(next.drill)}` },
          t("startDrill"),
        )
      : null,
  );
  const stats = el(
    "dl",
    { class: "stats" },
    stat(t("pitches"), summary.drills),
    stat(t("avgFabe"), figure(summary.avgFabe)),
    stat(t("roleplaysCount"), summary.roleplays),
    stat(t("avgRoleplay"), figure(summary.avgRoleplay)),
    stat(t("streak"), tf(summary.streak === 1 ? "day" : "days", { n: summary.streak })),
    stat(t("pitchesThisWeek"), summary.thisWeek.drills),
    stat(t("roleplaysThisWeek"), summary.thisWeek.roleplays),
  );
  if (summary.drills === 0 && summary.roleplays === 0)
    return el(
      "div",
      { class: "progress" },
      nextCard,
      stats,
      el("p", { class: "note", id: "no-practice" }, t("noPractice")),
    );

  const pitches = [...progress.drills].reverse();
  return el(
    "div",
    { class: "progress" },
    nextCard,
    stats,
    pitches.length > 0
      ? el(
          "section",
          { "aria-labelledby": "score-title" },
          el("h2", { id: "score-title" }, t("scoreOverTime")),
          scoreChart(pitches, t("scoreOverTime"), t("pitchAxis")),
          el(
            "details",
            {},
            el("summary", {}, t("showTable")),
            table(
              [t("date"), t("scoreCol"), t("missingCol")],
              progress.drills.map((drill) => [
                when(drill.at),
                drill.score,
                drill.missing.map((element) => t(element)).join("、") || t("none"),
              ]),
              "score-table",
            ),
          ),
        )
      : null,
    summary.drills > 0
      ? el(
          "section",
          { "aria-labelledby": "presence-title" },
          el("h2", { id: "presence-title" }, t("presenceTitle")),
          el(
            "ul",
            { class: "presence", id: "presence" },
            ELEMENTS.map((element) =>
              el(
                "li",
                { class: summary.weakestElement === element ? "presence-row weakest" : "presence-row" },
                el("span", {}, `${element} ${t(element)}`),
                el("meter", { min: 0, max: 1, low: 0.5, high: 0.8, optimum: 1, value: summary.presence[element] ?? 0 }),
                el("span", {}, percent(summary.presence[element])),
              ),
            ),
          ),
        )
      : null,
    summary.personas.length > 0
      ? el(
          "section",
          { "aria-labelledby": "persona-title" },
          el("h2", { id: "persona-title" }, t("byPersona")),
          table(
            [t("persona"), t("sessions"), t("avg"), t("best")],
            summary.personas.map((entry) => [entry.name, entry.sessions, entry.avg, entry.best]),
            "persona-table",
          ),
        )
      : null,
    summary.missedCriteria.length > 0
      ? el(
          "section",
          { "aria-labelledby": "missed-title" },
          el("h2", { id: "missed-title" }, t("missedCriteria")),
          el(
            "ol",
            { id: "missed-criteria" },
            summary.missedCriteria
              .slice(0, 5)
              .map((entry) =>
                el(
                  "li",
                  {},
                  entry.name,
                  " ",
                  el("span", { class: "note" }, tf("missedOf", { missed: entry.missed, of: entry.of })),
                ),
              ),
          ),
        )
      : null,
    progress.roleplays.length > 0
      ? el(
          "section",
          { "aria-labelledby": "recent-title" },
          el("h2", { id: "recent-title" }, t("recentRoleplays")),
          el(
            "ul",
            { class: "sessions", id: "recent-roleplays" },
            progress.roleplays.slice(0, 20).map((session) => sessionItem(session, options.transcripts)),
          ),
        )
      : null,
  );
}

function sessionItem(session: Progress["roleplays"][number], transcripts: boolean): HTMLLIElement {
  const transcript = el("div", { class: "transcript", "aria-live": "polite" });
  const show = el("button", { type: "button", class: "secondary" }, t("transcript"));
  show.addEventListener("click", () => {
    show.disabled = true;
    getSession(session.sessionId)
      .then((loaded) =>
        fill(
          transcript,
          el(
            "ol",
            { class: "thread" },
            loaded.messages.map((message) =>
              el("li", { class: `msg ${message.role === "user" ? "manager" : "coach"}` }, message.text),
            ),
          ),
        ),
      )
      .catch((error: unknown) => showError(transcript, error));
  });
  return el(
    "li",
    { class: "entry" },
    el("strong", {}, session.personaName),
    ` · ${session.score}/100 · `,
    el("time", { datetime: session.at }, when(session.at)),
    el(
      "ul",
      { class: "criteria" },
      session.criteria.map((criterion) =>
        el("li", { class: criterion.met ? "met" : "missed" }, `${criterion.met ? "✓" : "✗"} ${criterion.name}`),
      ),
    ),
    transcripts ? [show, transcript] : null,
  );
}

function stat(label: string, value: Child): HTMLDivElement {
  return el("div", {}, el("dt", {}, label), el("dd", {}, value));
}

/** A table with a header row: the numbers of a chart, for screen readers and for reading exactly. */
export function table(head: readonly string[], rows: ReadonlyArray<readonly Child[]>, id?: string): HTMLTableElement {
  return el(
    "table",
    { ...(id ? { id } : {}) },
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        head.map((cell) => el("th", { scope: "col" }, cell)),
      ),
    ),
    el(
      "tbody",
      {},
      rows.map((row) =>
        el(
          "tr",
          {},
          row.map((cell) => el("td", {}, cell)),
        ),
      ),
    ),
  );
}
