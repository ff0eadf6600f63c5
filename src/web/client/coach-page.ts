import {
  type Advice,
  addRepNote,
  type ChatMessage,
  type Conversation,
  type ConversationSummary,
  createConversation,
  deleteConversation,
  getConversation,
  listConversations,
  listReps,
  type Rep,
  streamConversationMessage,
} from "./api.js";
import { type Child, confirmInPage, el, fill, showError } from "./dom.js";
import { currentLang, t, tf } from "./i18n.js";
import { chip, chips } from "./passage-dialog.js";

/** The open conversation's id lives in the URL (`/?c=<id>`), so a reload or a link reopens it. */
const PARAM = "c";

/** What the page is showing: an open conversation, or a new one not yet created (created on its first message). */
interface ChatState {
  conversation?: Conversation;
  /** The rep a new conversation will be about. */
  pendingRepId?: string;
  reps: Map<string, Rep>;
  busy: boolean;
}

/**
 * The manager's chat: conversations (newest first), the open one's thread with each answer rendered in full and
 * its citations, a follow-up box, and a rep picker for new conversations. A follow-up is answered in the context
 * of the earlier turns and the rep's file; the answer says what it carried over.
 */
export async function coachPage(main: HTMLElement): Promise<void> {
  const [reps, opened] = await Promise.all([
    // Without access to rep files (or without any), the chat still works, about no one in particular.
    listReps().catch(() => [] as Rep[]),
    openFromUrl(),
  ]);
  const state: ChatState = { reps: new Map(reps.map((rep) => [rep.id, rep])), busy: false };
  if (opened.conversation) state.conversation = opened.conversation;

  const heading = el("h2", { id: "thread-title" });
  const thread = el("ol", { id: "thread", class: "thread", "aria-live": "polite", "aria-labelledby": "thread-title" });
  const examples = el("section", { class: "examples", "aria-labelledby": "examples-title" });
  const status = el("p", { class: "note", role: "status" });
  const list = el("ul", { class: "conversation-list" });

  const picker = el(
    "select",
    { id: "rep-picker" },
    el("option", { value: "" }, t("noRep")),
    reps.map((rep) => el("option", { value: rep.id }, rep.name)),
  );
  picker.addEventListener("change", () => {
    if (!state.conversation) {
      state.pendingRepId = picker.value || undefined;
      drawHeading();
    }
  });
  const newButton = el("button", { type: "button", id: "new-conversation" }, t("newConversation"));
  newButton.addEventListener("click", () => {
    state.conversation = undefined;
    state.pendingRepId = picker.value || undefined;
    setUrl(undefined);
    drawThread();
    drawList().catch((error: unknown) => showError(status, error));
    input.focus();
  });

  const input = el("textarea", {
    id: "scenario",
    rows: 3,
    placeholder: t("chatPlaceholder"),
    required: true,
    maxlength: 4000,
  });
  const inputLabel = el("label", { for: "scenario" });
  const form = el(
    "form",
    { id: "ask", class: "composer" },
    inputLabel,
    input,
    el("button", { type: "submit" }, t("send")),
  );
  // Enter sends, Shift+Enter starts a new line; Enter that confirms a word in an input method does neither.
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || state.busy) return;
    void ask(text);
  });

  const repName = (repId: string | null | undefined) => (repId ? state.reps.get(repId)?.name : undefined);

  function drawHeading(): void {
    const conversation = state.conversation;
    const name = repName(conversation ? conversation.repId : state.pendingRepId);
    const title = conversation?.title || t("untitled");
    fill(heading, title, name ? el("span", { class: "about" }, ` · ${tf("about", { name })}`) : null);
  }

  function drawThread(): void {
    drawHeading();
    const messages = state.conversation?.messages ?? [];
    fill(thread, messageItems(messages));
    examples.hidden = messages.length > 0;
    inputLabel.textContent = messages.length > 0 ? t("followUpLabel") : t("chatLabel");
  }

  /** The thread's items: each coach answer follows the manager's question it answers. */
  function messageItems(messages: readonly ChatMessage[]): HTMLLIElement[] {
    return messages.map((message, index) => {
      const question = messages[index - 1];
      return message.role === "manager"
        ? managerItem(message.text)
        : coachItem(message, question?.role === "manager" ? question.text : undefined);
    });
  }

  function managerItem(text: string): HTMLLIElement {
    return el("li", { class: "msg manager" }, el("span", { class: "who" }, t("manager")), el("p", {}, text));
  }

  function coachItem(message: ChatMessage, question: string | undefined): HTMLLIElement {
    const body: Child[] = message.advice ? renderAdvice(message.advice) : [el("p", { class: "plain" }, message.text)];
    return el(
      "li",
      { class: "msg coach" },
      el("span", { class: "who" }, t("coach")),
      message.carried ? el("p", { class: "carried" }, el("strong", {}, t("carried")), " ", message.carried.text) : null,
      body,
      saveToFile(message, question),
    );
  }

  /** "Add to {name}'s file": the question and the answer's summary as a dated talk note in the rep's file. */
  function saveToFile(message: ChatMessage, question: string | undefined): Child {
    const repId = state.conversation?.repId;
    const name = repName(repId);
    if (!repId || !name || !question) return null;
    const button = el("button", { type: "button", class: "secondary add-to-file" }, tf("addToFile", { name }));
    const saved = el("span", { class: "saved", role: "status" });
    button.addEventListener("click", () => {
      button.disabled = true;
      const summary = message.advice?.summary ?? message.text;
      addRepNote(repId, { kind: "talk", text: `${question}\n${summary}`, at: new Date().toISOString() })
        .then(() => {
          saved.textContent = `✓ ${tf("savedToFile", { name })}`;
        })
        .catch((error: unknown) => {
          button.disabled = false;
          showError(saved, error);
        });
    });
    return el("div", { class: "actions" }, button, saved);
  }

  async function ask(text: string): Promise<void> {
    state.busy = true;
    fill(status);
    input.value = "";
    examples.hidden = true;
    const asked = managerItem(text);
    thread.append(asked);
    const streaming = el("p", { class: "streaming" }, t("thinking"));
    const pending = el("li", { class: "msg coach" }, el("span", { class: "who" }, t("coach")), streaming);
    thread.append(pending);
    try {
      if (!state.conversation) {
        state.conversation = await createConversation(currentLang(), state.pendingRepId);
        setUrl(state.conversation.id);
      }
      const conversation = state.conversation;
      const answer = await streamConversationMessage(conversation.id, { text, lang: currentLang() }, (soFar) => {
        streaming.textContent = soFar;
      });
      // The stored conversation (its title comes from its first question) is read back, so the page shows what a
      // reload would.
      state.conversation = await getConversation(conversation.id).catch(() => ({
        ...conversation,
        messages: [
          ...conversation.messages,
          { id: `local-${Date.now()}`, role: "manager" as const, text, at: answer.message.at },
          answer.message,
        ],
      }));
      drawThread();
    } catch (error) {
      asked.remove();
      pending.remove();
      input.value = input.value || text;
      showError(status, error);
      return;
    } finally {
      state.busy = false;
    }
    await drawList().catch((error: unknown) => showError(status, error));
  }

  async function drawList(): Promise<void> {
    const summaries = await listConversations();
    fill(
      list,
      summaries.length === 0 ? el("li", { class: "note" }, t("noConversations")) : summaries.map(conversationItem),
    );
  }

  function conversationItem(summary: ConversationSummary): HTMLLIElement {
    const title = summary.title || t("untitled");
    const current = state.conversation?.id === summary.id;
    const name = repName(summary.repId);
    const open = el(
      "button",
      {
        type: "button",
        class: "link open",
        "aria-label": tf("openConversation", { title }),
        "aria-current": current ? "true" : false,
      },
      title,
      el("span", { class: "note" }, `${name ? `${name} · ` : ""}${day(summary.updatedAt)}`),
    );
    open.addEventListener("click", () => {
      getConversation(summary.id)
        .then((conversation) => {
          state.conversation = conversation;
          setUrl(conversation.id);
          drawThread();
          return drawList();
        })
        .catch((error: unknown) => showError(status, error));
    });
    const remove = el(
      "button",
      { type: "button", class: "secondary delete", "aria-label": tf("deleteConversation", { title }) },
      t("delete"),
    );
    const item = el("li", { class: "conv", "data-id": summary.id }, open, remove);
    remove.addEventListener("click", () => {
      confirmInPage(item, tf("confirmDeleteConversation", { title }), () =>
        deleteConversation(summary.id).then(async () => {
          if (state.conversation?.id === summary.id) {
            state.conversation = undefined;
            setUrl(undefined);
            drawThread();
          }
          await drawList();
        }),
      );
    });
    return item;
  }

  const exampleButtons = [1, 2, 3].map((n) => {
    const text = t(`example${n}`);
    const button = el("button", { type: "button", class: "example secondary" }, text);
    button.addEventListener("click", () => {
      input.value = text;
      input.focus();
    });
    return el("li", {}, button);
  });
  fill(
    examples,
    el("h2", { id: "examples-title" }, t("examples")),
    el("ul", { class: "example-list" }, exampleButtons),
  );

  if (state.conversation?.repId) picker.value = state.conversation.repId;
  drawThread();
  fill(
    main,
    el("h1", {}, t("chatTitle")),
    el(
      "div",
      { class: "chat" },
      el(
        "section",
        { class: "chat-main", "aria-labelledby": "thread-title" },
        el(
          "div",
          { class: "chat-start" },
          el("label", { for: "rep-picker" }, t("repPicker")),
          el("div", { class: "row" }, picker, newButton),
        ),
        heading,
        opened.error,
        thread,
        examples,
        status,
        form,
      ),
      el(
        "aside",
        { class: "chat-list", "aria-labelledby": "conversations-title" },
        el("h2", { id: "conversations-title" }, t("conversations")),
        list,
      ),
    ),
  );
  await drawList().catch((error: unknown) => showError(status, error));
}

/** The conversation named in the URL, if any; one that cannot be opened is said so, and the page starts fresh. */
async function openFromUrl(): Promise<{ conversation?: Conversation; error?: HTMLElement }> {
  const id = new URLSearchParams(location.search).get(PARAM);
  if (!id) return {};
  try {
    return { conversation: await getConversation(id) };
  } catch (error) {
    setUrl(undefined);
    const note = el("p");
    showError(note, error);
    return { error: note };
  }
}

function setUrl(id: string | undefined): void {
  const url = new URL(location.href);
  if (id) url.searchParams.set(PARAM, id);
  else url.searchParams.delete(PARAM);
  history.replaceState(null, "", `${url.pathname}${url.search}`);
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

/** An answer in full: the diagnosis, its summary, numbered steps with their citations, the talk track, what to watch. */
export function renderAdvice(advice: Advice): Child[] {
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
    // Which engine answered: the model (named), or the offline engine after the model failed (and why).
    advice.fallback
      ? el("p", { class: "note fallback" }, tf("fellBack", { reason: advice.fallback }))
      : advice.mode === "llm" && advice.model
        ? el("p", { class: "note answered-by" }, tf("answeredBy", { model: advice.model }))
        : null,
    el("h3", {}, t("steps")),
    el(
      "ol",
      { class: "steps" },
      advice.steps.map((step) => el("li", {}, el("span", {}, step.text), chips(step.citations))),
    ),
    el("h3", {}, t("talk")),
    el(
      "ul",
      { class: "talk" },
      talk.map((line) => el("li", {}, line)),
    ),
    copy,
    el("h3", {}, t("watch")),
    el(
      "ul",
      {},
      advice.watch.map((line) => el("li", {}, line.text)),
    ),
  ];
}
