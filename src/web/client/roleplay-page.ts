import {
  createSession,
  createSessionForRep,
  type Debrief,
  debriefSession,
  getSession,
  listPersonas,
  type Session,
  sendMessage,
} from "./api.js";
import { el, fill, showError } from "./dom.js";
import { currentLang, t, tf } from "./i18n.js";
import { chips } from "./passage-dialog.js";

// The session in progress survives a reload: its id is kept in this browser until the user picks another.
const SESSION_KEY = "coach.roleplay.session";

type Hint = NonNullable<Awaited<ReturnType<typeof sendMessage>>["hint"]>;

/** Role-play: pick a persona, talk turn by turn with the state on meters, then a debrief against the handbook. */
export async function roleplayPage(main: HTMLElement): Promise<void> {
  // From a rep's file (/reps → "rehearse a talk"): a new session playing that rep.
  const repId = new URLSearchParams(location.search).get("rep");
  if (repId) {
    history.replaceState(null, "", "/roleplay");
    const created = await createSessionForRep(repId, currentLang());
    localStorage.setItem(SESSION_KEY, created.id);
    return renderSession(main, { ...created, ended: false });
  }
  const saved = localStorage.getItem(SESSION_KEY);
  if (saved) {
    const session = await getSession(saved).catch(() => undefined);
    if (session) return renderSession(main, session);
    localStorage.removeItem(SESSION_KEY);
  }
  const personas = await listPersonas();
  const lang = currentLang();
  const cards = personas.map((persona) => {
    const start = el("button", { type: "button" }, t("start"));
    start.addEventListener("click", () => {
      createSession(persona.id, lang)
        .then((created) => {
          localStorage.setItem(SESSION_KEY, created.id);
          return renderSession(main, { ...created, ended: false });
        })
        .catch((error: unknown) => showError(main, error));
    });
    return el(
      "li",
      { class: "card" },
      el("h2", {}, persona.name[lang]),
      el("p", {}, persona.summary[lang]),
      el("p", { class: "note" }, t(persona.mode)),
      start,
    );
  });
  fill(main, el("h1", {}, t("personas")), el("ul", { class: "cards" }, cards));
}

async function renderSession(main: HTMLElement, session: Session): Promise<void> {
  const lang = currentLang();
  const persona = (await listPersonas()).find((candidate) => candidate.id === session.persona);
  let lastHint: Hint | undefined;
  const log = el("ol", { class: "log", "aria-live": "polite" }, session.messages.map(line));
  const meters = el("div", { class: "meters" });
  const drawState = (state: Session["state"]) =>
    fill(
      meters,
      Object.entries(state)
        .filter((entry): entry is [string, number] => typeof entry[1] === "number" && entry[0] !== "turn")
        .map(([key, value]) =>
          el("label", {}, t(key), el("meter", { min: 0, max: 10, value, "data-var": key }), String(value)),
        ),
    );
  drawState(session.state);
  const input = el("input", { id: "turn", type: "text", maxlength: 1000, autocomplete: "off" });
  const hintBox = el("p", { class: "hint", role: "status" });
  const debrief = el("section", { id: "debrief" });
  const form = el(
    "form",
    { id: "say" },
    el("label", { for: "turn" }, t("yourTurn")),
    input,
    el("button", { type: "submit" }, t("send")),
  );
  form.hidden = session.ended;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    log.append(line({ role: "user", text }));
    sendMessage(session.id, text)
      .then((turn) => {
        if (turn.effects.length > 0 || turn.hint) log.append(effectsLine(turn));
        log.append(line(turn.reply));
        // In llm mode, a line the model did not give well is the persona card's own: say so, and why.
        if (turn.fallback) log.append(el("li", { class: "note fallback" }, tf("fellBack", { reason: turn.fallback })));
        drawState(turn.state);
        lastHint = turn.hint ?? lastHint;
        if (turn.state.ended) {
          form.hidden = true;
          hintBox.textContent = t("ended");
        }
      })
      .catch((error: unknown) => showError(hintBox, error));
  });
  const hint = el("button", { type: "button", class: "secondary" }, t("hint"));
  hint.addEventListener("click", () => {
    hintBox.textContent = lastHint ? lastHint.text : t("noHint");
  });
  const end = el("button", { type: "button", class: "secondary" }, t("end"));
  end.addEventListener("click", () => {
    debriefSession(session.id)
      .then((result) => renderDebrief(debrief, result))
      .catch((error: unknown) => showError(debrief, error));
  });
  const again = el("button", { type: "button", class: "link" }, t("newSession"));
  again.addEventListener("click", () => {
    localStorage.removeItem(SESSION_KEY);
    roleplayPage(main).catch((error: unknown) => showError(main, error));
  });
  fill(
    main,
    el("h1", {}, persona ? persona.name[lang] : session.persona),
    meters,
    log,
    form,
    el("div", { class: "actions" }, hint, end, again),
    hintBox,
    debrief,
  );
  input.focus();
}

type Turn = Awaited<ReturnType<typeof sendMessage>>;

/**
 * What the user's turn did, taught on the spot: each move recognised with its effect on the meters ("gave
 * responsibility: willingness +2"), and the handbook's hint when a move backfires, with its passages.
 */
function effectsLine(turn: Turn): HTMLLIElement {
  const moves = turn.effects.map((effect) => {
    const changes = Object.entries(effect.changes)
      .map(([meter, delta]) => `${t(meter)} ${delta > 0 ? "+" : ""}${delta}`)
      .join(", ");
    return el(
      "li",
      { "data-move": effect.move, class: Object.values(effect.changes).some((delta) => delta < 0) ? "down" : "up" },
      `${t(effect.move)}${changes ? `: ${changes}` : ""}`,
    );
  });
  const hint = turn.hint ? [el("p", { class: "backfire" }, turn.hint.text, " ", chips(turn.hint.basis))] : [];
  return el("li", { class: "effects" }, el("span", { class: "note" }, t("moveEffects")), el("ul", {}, moves), ...hint);
}

function line(message: Session["messages"][number]): HTMLLIElement {
  return el("li", { class: message.role }, message.text);
}

function renderDebrief(container: HTMLElement, result: Debrief): void {
  fill(
    container,
    el("h2", {}, `${t("debrief")} · ${result.score}/100`),
    el("p", {}, result.summary),
    el(
      "ul",
      { class: "criteria" },
      result.criteria.map((criterion) =>
        el(
          "li",
          { class: criterion.met ? "met" : "missed" },
          el("strong", {}, `${criterion.met ? `✓ ${t("met")}` : `✗ ${t("missed")}`} · ${criterion.name}`),
          criterion.quote ? el("q", {}, criterion.quote) : null,
          el("p", {}, criterion.advice),
          chips(criterion.citations),
        ),
      ),
    ),
  );
}
