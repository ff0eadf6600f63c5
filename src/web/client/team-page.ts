import { getMemberProgress, getTeam, type TeamRow } from "./api.js";
import { el, fill } from "./dom.js";
import { currentLang, t, tf } from "./i18n.js";
import { progressView, table, when } from "./progress-view.js";

/** The member shown lives in the URL (`/team?u=<user>`), so a reload or a link reopens them. */
const PARAM = "u";

/**
 * `/team`: a manager's team, one row per rep (this week's activity, averages, weakest element and criterion, last
 * activity, their file), and a rep's own page with their role-plays' transcripts one click away.
 */
export async function teamPage(main: HTMLElement): Promise<void> {
  const user = new URLSearchParams(location.search).get(PARAM);
  if (user) {
    const progress = await getMemberProgress(user, currentLang());
    fill(
      main,
      el("p", {}, el("a", { href: "/team" }, t("backToTeam"))),
      el("h1", {}, tf("memberTitle", { user })),
      progressView(progress, { own: false, transcripts: true }),
    );
    return;
  }
  const rows = await getTeam(currentLang());
  fill(
    main,
    el("h1", {}, t("teamTitle")),
    rows.length === 0
      ? el("p", { class: "note" }, t("noTeam"))
      : el(
          "div",
          { class: "table-wrap" },
          table(
            [
              t("rep"),
              t("thisWeek"),
              t("avgFabe"),
              t("avgRoleplay"),
              t("weakestElement"),
              t("weakestCriterion"),
              t("lastActivity"),
              t("repFile"),
            ],
            rows.map(teamRow),
            "team-table",
          ),
        ),
  );
}

function teamRow(row: TeamRow) {
  return [
    el("a", { href: `/team?${PARAM}=${encodeURIComponent(row.user)}` }, row.user),
    tf("weekActivity", { d: row.thisWeek.drills, r: row.thisWeek.roleplays }),
    row.avgFabe ?? "—",
    row.avgRoleplay ?? "—",
    row.weakestElement ? `${row.weakestElement} ${t(row.weakestElement)}` : "—",
    row.weakestCriterion
      ? tf("criterionMissed", {
          name: row.weakestCriterion.name,
          missed: row.weakestCriterion.missed,
          of: row.weakestCriterion.of,
        })
      : "—",
    when(row.lastAt),
    row.repId ? el("a", { href: `/reps?r=${encodeURIComponent(row.repId)}` }, t("openFile")) : "—",
  ];
}
