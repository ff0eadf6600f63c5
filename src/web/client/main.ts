// sales-coach client: one script for the four pages of the shell (src/web/pages.ts). All user and model text is
// rendered as text nodes (never innerHTML), so nothing a user or a model writes can run.
import { coachPage } from "./coach-page.js";
import { byId, showError } from "./dom.js";
import { drillPage } from "./drill-page.js";
import { currentLang, setLang, t } from "./i18n.js";
import { progressPage } from "./progress-page.js";
import { repsPage } from "./reps-page.js";
import { roleplayPage } from "./roleplay-page.js";
import { teamPage } from "./team-page.js";

const PAGES: Record<string, (main: HTMLElement) => void | Promise<void>> = {
  coach: coachPage,
  roleplay: roleplayPage,
  drill: drillPage,
  reps: repsPage,
  progress: progressPage,
  team: teamPage,
};

function applyStrings(): void {
  document.documentElement.lang = currentLang();
  for (const node of document.querySelectorAll("[data-i18n]"))
    node.textContent = t(node.getAttribute("data-i18n") ?? "");
  byId("lang", HTMLSelectElement).value = currentLang();
}

function render(): void {
  applyStrings();
  const main = byId("main", HTMLElement);
  const page = PAGES[document.body.dataset.page ?? ""] ?? coachPage;
  Promise.resolve()
    .then(() => page(main))
    .catch((error: unknown) => showError(main, error));
}

byId("lang", HTMLSelectElement).addEventListener("change", (event) => {
  if (event.target instanceof HTMLSelectElement) setLang(event.target.value);
  render();
});
render();
