import { type Advice, streamAdvice } from "./api.js";
import { type Child, el, fill, showError } from "./dom.js";
import { currentLang, t } from "./i18n.js";
import { chip, chips } from "./passage-dialog.js";

/** The manager coach: a scenario in, advice streamed back, every step with its citations. */
export function coachPage(main: HTMLElement): void {
  const answer = el("section", { id: "answer", "aria-live": "polite" });
  const input = el("textarea", {
    id: "scenario",
    rows: 4,
    placeholder: t("coachPlaceholder"),
    required: true,
    maxlength: 4000,
  });
  const form = el(
    "form",
    { id: "ask" },
    el("label", { for: "scenario" }, t("coachLabel")),
    input,
    el("button", { type: "submit" }, t("ask")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void ask(input.value, answer);
  });
  main.replaceChildren(el("h1", {}, t("coachTitle")), form, answer);
}

async function ask(scenario: string, answer: HTMLElement): Promise<void> {
  if (!scenario.trim()) return;
  const streaming = el("p", { class: "streaming" }, t("thinking"));
  answer.replaceChildren(streaming);
  try {
    const advice = await streamAdvice({ scenario, lang: currentLang() }, (text) => {
      streaming.textContent = text;
    });
    fill(answer, renderAdvice(advice));
  } catch (error) {
    showError(answer, error);
  }
}

function renderAdvice(advice: Advice): Child[] {
  if (advice.abstained) {
    return [
      el(
        "div",
        { class: "abstained", role: "status" },
        el("strong", {}, t("abstained")),
        el("p", {}, advice.summary),
        el(
          "div",
          { class: "chips" },
          advice.nearest.map((near) => chip(near.id)),
        ),
      ),
    ];
  }
  const { tenure, type, stage, performance, problems } = advice.diagnosis;
  const findings = [tenure, type, stage, performance, ...problems].filter((finding) => finding !== undefined);
  const talk = advice.talkTrack.map((line) => line.text);
  const copy = el("button", { type: "button", class: "secondary" }, t("copy"));
  copy.addEventListener("click", () => {
    void navigator.clipboard.writeText(talk.join("\n")).then(() => {
      copy.textContent = t("copied");
    });
  });
  return [
    findings.length > 0 &&
      el(
        "p",
        { class: "diagnosis" },
        el("span", { class: "label" }, t("diagnosis")),
        findings.map((finding) => el("span", { class: "tag", title: finding.cues.join("、") }, finding.label)),
      ),
    el("p", { class: "summary" }, advice.summary),
    advice.fallback ? el("p", { class: "note" }, `(${advice.fallback})`) : null,
    el("h2", {}, t("steps")),
    el(
      "ol",
      { class: "steps" },
      advice.steps.map((step) => el("li", {}, el("span", {}, step.text), chips(step.citations))),
    ),
    el("h2", {}, t("talk")),
    el(
      "ul",
      { class: "talk" },
      talk.map((line) => el("li", {}, line)),
    ),
    copy,
    el("h2", {}, t("watch")),
    el(
      "ul",
      {},
      advice.watch.map((line) => el("li", {}, line.text)),
    ),
  ];
}
