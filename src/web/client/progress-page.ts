import { deleteProgress, exportProgress, getProgress } from "./api.js";
import { confirmInPage, el, fill, showError } from "./dom.js";
import { currentLang, t } from "./i18n.js";
import { progressView } from "./progress-view.js";

/** `/progress`: a rep's own practice, the next drill as one click, the CSV export and the deletion of it all. */
export async function progressPage(main: HTMLElement): Promise<void> {
  const progress = await getProgress(currentLang());
  const status = el("p", { role: "status" });
  const exportButton = el("button", { type: "button", class: "secondary", id: "export-progress" }, t("exportCsv"));
  exportButton.addEventListener("click", () => {
    exportProgress()
      .then((blob) => {
        const url = URL.createObjectURL(blob);
        el("a", { href: url, download: `practice-${progress.user}.csv` }).click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      })
      .catch((error: unknown) => showError(status, error));
  });
  const remove = el("button", { type: "button", class: "danger", id: "delete-progress" }, t("deleteRecords"));
  const actions = el("div", { class: "actions" }, exportButton, remove);
  remove.addEventListener("click", () =>
    confirmInPage(actions, t("confirmDeleteRecords"), () => deleteProgress().then(() => progressPage(main))),
  );
  fill(
    main,
    el("h1", {}, t("progressTitle")),
    progressView(progress, { own: true, transcripts: false }),
    actions,
    status,
  );
}
