import { type FabeResult, listDrills, scorePitch } from "./api.js";
import { el, fill, showError } from "./dom.js";
import { currentLang, t, tf } from "./i18n.js";
import { chips } from "./passage-dialog.js";

/** The FABE drill: an optional practice prompt, a pitch in, each sentence's label and the feedback out. */
export async function drillPage(main: HTMLElement): Promise<void> {
  const lang = currentLang();
  const drills = await listDrills(lang);
  const select = el(
    "select",
    { id: "drill" },
    el("option", { value: "" }, t("drillPick")),
    drills.map((drill) =>
      el("option", { value: drill.id }, `${drill.productName ?? drill.product} · ${drill.customer}`),
    ),
  );
  const chosen = () => drills.find((drill) => drill.id === select.value);
  const prompt = el("p", { class: "prompt" });
  const showPrompt = () => {
    const drill = chosen();
    prompt.textContent = drill ? `${drill.situation} ${drill.prompt}` : "";
  };
  select.addEventListener("change", showPrompt);
  // `/drill?drill=<id>`: the next drill a progress page proposed, already chosen.
  const asked = new URLSearchParams(location.search).get("drill");
  if (asked && drills.some((drill) => drill.id === asked)) {
    select.value = asked;
    showPrompt();
  }
  const pitch = el("textarea", { id: "pitch", rows: 5, placeholder: t("pitchPlaceholder"), maxlength: 4000 });
  const result = el("section", { id: "result", "aria-live": "polite" });
  const form = el(
    "form",
    { id: "score" },
    el("label", { for: "drill" }, t("drills")),
    select,
    prompt,
    el("label", { for: "pitch" }, t("pitchLabel")),
    pitch,
    el("button", { type: "submit" }, t("score")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const drill = chosen();
    scorePitch({ pitch: pitch.value, lang, ...(drill ? { product: drill.product, drill: drill.id } : {}) })
      .then((scored) => renderScore(result, scored))
      .catch((error: unknown) => showError(result, error));
  });
  fill(main, el("h1", {}, t("nav.drill")), form, result);
}

function renderScore(container: HTMLElement, result: FabeResult): void {
  const missing = result.missing.map((label) => t(label)).join("、") || t("none");
  fill(
    container,
    el("p", { class: "score" }, `${t("score")}: ${result.score}/100 · ${t("missing")}: ${missing}`),
    result.fallback
      ? el("p", { class: "note fallback" }, tf("fellBack", { reason: result.fallback }))
      : result.mode === "llm" && result.model
        ? el("p", { class: "note answered-by" }, tf("answeredBy", { model: result.model }))
        : null,
    el(
      "ol",
      { class: "sentences" },
      result.sentences.map((sentence) =>
        el(
          "li",
          { class: `label-${sentence.label}` },
          el("span", { class: "badge" }, `${sentence.label} ${t(sentence.label)}`),
          el("span", {}, sentence.text),
          sentence.cues.length > 0 ? el("small", {}, ` (${sentence.cues.join(", ")})`) : null,
        ),
      ),
    ),
    result.violations.length > 0
      ? el(
          "div",
          {},
          el("h2", {}, t("violations")),
          el(
            "ul",
            {},
            result.violations.map((violation) =>
              el(
                "li",
                { class: `violation-${violation.rule}` },
                el("q", {}, violation.quote),
                ` ${violation.advice} `,
                // The handbook's own words the principle comes from, with the passage to open.
                el("blockquote", { class: "principle" }, violation.principle),
                chips(violation.citations),
              ),
            ),
          ),
        )
      : null,
    el("h2", {}, t("feedback")),
    el(
      "ul",
      {},
      result.feedback.map((item) => el("li", {}, item.text, " ", chips(item.citations))),
    ),
    el("h2", {}, t("rewrite")),
    el("p", { class: "rewrite" }, result.rewrite),
    el(
      "p",
      { class: "note", id: "saved" },
      t("savedToProgress"),
      " ",
      el("a", { href: "/progress" }, t("viewProgress")),
    ),
  );
}
