import {
  addRepNote,
  createRep,
  deleteRep,
  exportRep,
  getRep,
  listConversations,
  listReps,
  type Rep,
  type RepFields,
  type RepFile,
  type RepPatch,
  updateRep,
} from "./api.js";
import { byId, type Child, confirmInPage, el, fill, showError } from "./dom.js";
import { t, tf } from "./i18n.js";

/** The open file's id lives in the URL (`/reps?r=<id>`), so a reload or a link reopens it. */
const PARAM = "r";

type TextKey = "gender" | "education" | "major" | "user";
type LongKey = "workHistory" | "strengths" | "weaknesses" | "likes";
type DayKey = "startDate" | "birthday";
const TEXT_KEYS: readonly TextKey[] = ["gender", "education", "major", "user"];
const LONG_KEYS: readonly LongKey[] = ["workHistory", "strengths", "weaknesses", "likes"];
const TYPES = ["excitable", "opinionated", "steady"] as const;
const KINDS = ["talk", "problem", "note"] as const;

/**
 * Rep files: the list, a form to open a file, and a file with its fields (editable), what is derived from them
 * (tenure, likely stage), its dated notes, the conversations about the rep, an export and a delete.
 */
export async function repsPage(main: HTMLElement): Promise<void> {
  const list = el("ul", { class: "rep-list" });
  const pane = el("section", { class: "rep-pane", "aria-live": "polite" });
  const newButton = el("button", { type: "button", class: "secondary", id: "open-new-rep" }, t("newRep"));

  async function drawList(): Promise<void> {
    const reps = await listReps();
    const current = new URLSearchParams(location.search).get(PARAM);
    fill(list, reps.length === 0 ? el("li", { class: "note" }, t("noReps")) : reps.map((rep) => repItem(rep, current)));
  }

  function repItem(rep: Rep, current: string | null): HTMLLIElement {
    const open = el(
      "a",
      {
        href: `/reps?${PARAM}=${encodeURIComponent(rep.id)}`,
        "aria-label": tf("openRep", { name: rep.name }),
        "aria-current": rep.id === current ? "page" : false,
      },
      rep.name,
    );
    open.addEventListener("click", (event) => {
      event.preventDefault();
      void openFile(rep.id);
    });
    return el("li", { class: "rep-item" }, open, el("span", { class: "note" }, ` ${derivedLine(rep)}`));
  }

  function showCreate(): Promise<void> {
    setUrl(undefined);
    const status = el("p", { role: "status" });
    const fields = repForm("new");
    fields.form.addEventListener("submit", (event) => {
      event.preventDefault();
      let values: RepFields;
      try {
        values = fields.created();
      } catch (error) {
        showError(status, error);
        return;
      }
      createRep(values)
        .then((rep) => openFile(rep.id))
        .catch((error: unknown) => showError(status, error));
    });
    fields.form.append(el("div", { class: "wide" }, el("button", { type: "submit" }, t("createRep")), status));
    fill(pane, el("h2", { id: "new-rep-title" }, t("newRep")), fields.form);
    return drawList().catch((error: unknown) => showError(status, error));
  }

  async function openFile(id: string): Promise<void> {
    let file: RepFile;
    try {
      file = await getRep(id);
    } catch (error) {
      setUrl(undefined);
      await showCreate();
      const note = el("p");
      showError(note, error);
      pane.prepend(note);
      return;
    }
    setUrl(id);
    await drawFile(file);
    await drawList();
  }

  async function drawFile(file: RepFile): Promise<void> {
    const conversations = await listConversations(file.id);
    const status = el("p", { role: "status" });

    const edit = repForm("edit", file);
    edit.form.addEventListener("submit", (event) => {
      event.preventDefault();
      let patch: RepPatch;
      try {
        patch = edit.patch();
      } catch (error) {
        showError(status, error);
        return;
      }
      updateRep(file.id, patch)
        .then(async (updated) => {
          await drawFile(updated);
          await drawList();
          byId("file-status", HTMLElement).textContent = `✓ ${t("saved")}`;
        })
        .catch((error: unknown) => showError(status, error));
    });
    edit.form.append(el("div", { class: "wide" }, el("button", { type: "submit" }, t("saveRep")), status));

    const noteStatus = el("p", { role: "status" });
    const kind = el(
      "select",
      { id: "note-kind" },
      KINDS.map((value) => el("option", { value }, t(`kind.${value}`))),
    );
    const noteText = el("input", { id: "note-text", type: "text", required: true, maxlength: 4000 });
    const noteDate = el("input", { id: "note-date", type: "date", value: today(), required: true });
    const noteForm = el(
      "form",
      { id: "add-note", class: "grid" },
      field("note-kind", t("noteKind"), kind),
      field("note-date", t("noteDate"), noteDate),
      field("note-text", t("noteText"), noteText, "wide"),
      el("div", { class: "wide" }, el("button", { type: "submit" }, t("addNote")), noteStatus),
    );
    noteForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = noteText.value.trim();
      if (!text) return;
      addRepNote(file.id, {
        text,
        kind: kind.value as (typeof KINDS)[number],
        ...(noteDate.value ? { at: noteDate.value } : {}),
      })
        .then(() => getRep(file.id))
        .then(async (updated) => {
          await drawFile(updated);
          byId("note-text", HTMLInputElement).focus();
        })
        .catch((error: unknown) => showError(noteStatus, error));
    });

    const remove = el("button", { type: "button", class: "danger", id: "delete-rep" }, t("deleteRep"));
    const exportLink = el("button", { type: "button", class: "secondary", id: "export-rep" }, t("exportJson"));
    exportLink.addEventListener("click", () => {
      exportRep(file.id)
        .then((exported) => {
          const url = URL.createObjectURL(new Blob([JSON.stringify(exported, null, 2)], { type: "application/json" }));
          const save = el("a", { href: url, download: `rep-${file.id}.json` });
          save.click();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
        })
        .catch((error: unknown) => showError(noteStatus, error));
    });
    const rehearse = el(
      "a",
      { class: "button secondary", href: `/roleplay?rep=${encodeURIComponent(file.id)}` },
      tf("rehearseWith", { name: file.name }),
    );
    // A file that names the rep's login links to their practice (/team), as the team's row links back here.
    const practice = file.user
      ? el(
          "a",
          { class: "button secondary", id: "rep-practice", href: `/team?u=${encodeURIComponent(file.user)}` },
          t("seePractice"),
        )
      : null;
    const removeBox = el("div", { class: "actions" }, rehearse, practice, exportLink, remove);
    remove.addEventListener("click", () => {
      confirmInPage(removeBox, tf("confirmDeleteRep", { name: file.name }), () =>
        deleteRep(file.id).then(() => showCreate()),
      );
    });

    fill(
      pane,
      el("h2", { id: "file-title" }, file.name),
      el("p", { id: "file-status", role: "status", class: "note" }),
      el(
        "dl",
        { class: "derived" },
        el("dt", {}, t("tenure")),
        el(
          "dd",
          {},
          file.tenureMonths === undefined
            ? t("unset")
            : `${tf("months", { n: Math.floor(file.tenureMonths) })}${file.tenureGroup ? ` · ${t(`tenure.${file.tenureGroup}`)}` : ""}`,
        ),
        el("dt", {}, t("stage")),
        el("dd", {}, file.stage ? t(`stage.${file.stage}`) : t("unset")),
        el("dt", {}, t("performance")),
        el("dd", {}, file.performance ? t(`performance.${file.performance}`) : t("unset")),
      ),
      el("h3", {}, t("notes")),
      noteForm,
      file.notes.length === 0
        ? el("p", { class: "note" }, t("noNotes"))
        : el(
            "ol",
            { class: "timeline" },
            file.notes.map((note) =>
              el(
                "li",
                { class: `entry kind-${note.kind}` },
                el("time", { datetime: note.at }, note.at.slice(0, 10)),
                el("span", { class: "tag" }, t(`kind.${note.kind}`)),
                el("p", {}, note.text),
              ),
            ),
          ),
      el("h3", {}, t("repConversations")),
      conversations.length === 0
        ? el("p", { class: "note" }, t("noRepConversations"))
        : el(
            "ul",
            { class: "rep-conversations" },
            conversations.map((conversation) =>
              el(
                "li",
                {},
                el("a", { href: `/?c=${encodeURIComponent(conversation.id)}` }, conversation.title || t("untitled")),
                el("span", { class: "note" }, ` ${conversation.updatedAt.slice(0, 10)}`),
              ),
            ),
          ),
      el("h3", {}, t("editRep")),
      edit.form,
      removeBox,
    );
  }

  newButton.addEventListener("click", () => {
    void showCreate();
    byId("new-name", HTMLInputElement).focus();
  });

  fill(
    main,
    el("h1", {}, t("repsTitle")),
    el(
      "div",
      { class: "reps" },
      el(
        "section",
        { class: "rep-files", "aria-labelledby": "rep-list-title" },
        el("h2", { id: "rep-list-title" }, t("repList")),
        list,
        newButton,
      ),
      pane,
    ),
  );
  const id = new URLSearchParams(location.search).get(PARAM);
  if (id) await openFile(id);
  else await showCreate();
}

/** A label and its control. */
function field(id: string, label: string, control: HTMLElement, className?: string): HTMLDivElement {
  return el("div", { class: className ? `field ${className}` : "field" }, el("label", { for: id }, label), control);
}

/**
 * The fields of a file as a form (ids `${prefix}-${field}`), filled from `rep` when given. `created()` reads the
 * filled fields for a new file; `patch()` reads them all for an update, an emptied one as null (cleared).
 */
function repForm(prefix: string, rep?: RepFile) {
  const id = (key: string) => `${prefix}-${key}`;
  const name = el("input", { id: id("name"), type: "text", required: true, maxlength: 100, value: rep?.name ?? "" });
  const days = Object.fromEntries(
    (["startDate", "birthday"] as const).map((key) => [
      key,
      el("input", { id: id(key), type: "date", value: rep?.[key] ?? "" }),
    ]),
  ) as Record<DayKey, HTMLInputElement>;
  const type = el(
    "select",
    { id: id("type") },
    el("option", { value: "" }, t("unset")),
    TYPES.map((value) => el("option", { value, selected: rep?.type === value }, t(`type.${value}`))),
  );
  const age = el("input", { id: id("age"), type: "number", min: 14, max: 100, step: 1, value: rep?.age ?? "" });
  const texts = Object.fromEntries(
    TEXT_KEYS.map((key) => [key, el("input", { id: id(key), type: "text", maxlength: 200, value: rep?.[key] ?? "" })]),
  ) as Record<TextKey, HTMLInputElement>;
  const longs = Object.fromEntries(
    LONG_KEYS.map((key) => {
      const area = el("textarea", { id: id(key), rows: 2, maxlength: 2000 });
      area.value = rep?.[key] ?? "";
      return [key, area];
    }),
  ) as Record<LongKey, HTMLTextAreaElement>;
  const results = el("textarea", { id: id("results"), rows: 3 });
  results.value = (rep?.results ?? []).map((result) => `${result.month} ${result.amount}`).join("\n");

  const children: Child[] = [
    field(id("name"), t("field.name"), name),
    field(id("startDate"), t("field.startDate"), days.startDate),
    field(id("type"), t("field.type"), type),
    field(id("gender"), t("field.gender"), texts.gender),
    field(id("age"), t("field.age"), age),
    field(id("birthday"), t("field.birthday"), days.birthday),
    field(id("education"), t("field.education"), texts.education),
    field(id("major"), t("field.major"), texts.major),
    field(id("user"), t("field.user"), texts.user),
    LONG_KEYS.map((key) => field(id(key), t(`field.${key}`), longs[key], "wide")),
    field(id("results"), t("field.results"), results, "wide"),
  ];
  const form = el("form", { id: `${prefix}-rep`, class: "grid rep-form" }, children);

  /** Every field's value, `undefined` where empty. */
  function read() {
    const value = (input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement) =>
      input.value.trim() || undefined;
    return {
      name: value(name),
      startDate: value(days.startDate),
      birthday: value(days.birthday),
      type: value(type) as (typeof TYPES)[number] | undefined,
      age: age.value ? Number(age.value) : undefined,
      ...Object.fromEntries(TEXT_KEYS.map((key) => [key, value(texts[key])])),
      ...Object.fromEntries(LONG_KEYS.map((key) => [key, value(longs[key])])),
      results: parseResults(results.value),
    } as Partial<RepFields>;
  }

  return {
    form,
    created(): RepFields {
      const values = read();
      return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as RepFields;
    },
    patch(): RepPatch {
      const values = read();
      return Object.fromEntries(
        Object.entries(values)
          .filter(([key, v]) => key !== "name" || v !== undefined)
          .map(([key, v]) => [key, v ?? null]),
      ) as RepPatch;
    },
  };
}

/** "YYYY-MM amount" lines (a comma, colon or tab also separates); undefined when there are none. */
function parseResults(text: string): RepFields["results"] {
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) return undefined;
  return lines.map((line, index) => {
    const match = /^(\d{4}-\d{2})[\s,:，：]+([\d.,]+)$/.exec(line);
    const amount = match ? Number(match[2]?.replace(/,/g, "")) : Number.NaN;
    if (!match?.[1] || !Number.isFinite(amount)) throw new Error(tf("badResults", { n: index + 1 }));
    return { month: match[1], amount };
  });
}

/** The list's one-line summary of a file: tenure group and stage. */
function derivedLine(rep: Rep): string {
  return [rep.tenureGroup && t(`tenure.${rep.tenureGroup}`), rep.stage && t(`stage.${rep.stage}`)]
    .filter(Boolean)
    .join(" · ");
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function setUrl(id: string | undefined): void {
  const url = new URL(location.href);
  if (id) url.searchParams.set(PARAM, id);
  else url.searchParams.delete(PARAM);
  history.replaceState(null, "", `${url.pathname}${url.search}`);
}
