import { getChunk } from "./api.js";
import { byId, el, showError } from "./dom.js";
import { t } from "./i18n.js";

/** Shows a passage in the shell's dialog: Chinese, English and its place in the handbook's tree. */
export async function openPassage(id: string): Promise<void> {
  const chunk = await getChunk(id);
  byId("passage-title", HTMLElement).textContent = `${chunk.title} (${chunk.id})`;
  byId("passage-path", HTMLElement).textContent = chunk.path.join(" › ");
  byId("passage-zh", HTMLElement).textContent = chunk.text;
  byId("passage-en", HTMLElement).textContent = chunk.en;
  byId("passage", HTMLDialogElement).showModal();
}

/** A citation chip: a button that opens the cited passage (a failure shows beside the chip). */
export function chip(id: string): HTMLButtonElement {
  const button = el("button", { type: "button", class: "chip", "aria-label": `${t("citation")} ${id}` }, id);
  button.addEventListener("click", () => {
    openPassage(id).catch((error: unknown) => {
      const note = el("span", { role: "alert" });
      showError(note, error);
      button.after(note);
    });
  });
  return button;
}

/** The chips of a list of citations. */
export function chips(ids: readonly string[]): HTMLSpanElement {
  return el("span", { class: "chips" }, ids.map(chip));
}
