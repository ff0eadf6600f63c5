import { t } from "./i18n.js";

/** What `el` accepts as a child: strings and numbers become text nodes, never markup. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Listener = (event: Event) => void;

/** Attributes of `el`; `on…` names take listeners, `false`/`null`/`undefined` leave the attribute out. */
export type Attributes = Record<string, string | number | boolean | null | undefined | Listener>;

/**
 * Creates an element. Every piece of user or model text goes through here as a text node, which is what keeps
 * the page safe from markup in a message: nothing in this client assigns innerHTML.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === "function") {
      if (!name.startsWith("on")) throw new Error(`el: a listener needs an on… name, not "${name}"`);
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node: ParentNode, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces a container's content with children as `el` takes them. */
export function fill(container: Element, ...children: Child[]): void {
  container.replaceChildren();
  append(container, children);
}

/** An element the page shell always has; a missing one is a bug in the shell, so it throws. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`the page has no #${id}`);
  return node;
}

/** The message of anything thrown, for the user (API errors carry a safe message). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Replaces a container's content with an error the screen reader announces. */
export function showError(container: Element, error: unknown): void {
  container.replaceChildren(el("p", { class: "error", role: "alert" }, t("error"), messageOf(error)));
}

/**
 * An in-page confirmation (never `window.confirm`): the item's content is swapped for the question and two buttons;
 * "Cancel" puts it back. `action` failing shows its error in the item.
 */
export function confirmInPage(container: HTMLElement, question: string, action: () => Promise<unknown>): void {
  const before = [...container.childNodes];
  const yes = el("button", { type: "button", class: "danger" }, t("confirmDelete"));
  const no = el("button", { type: "button", class: "secondary" }, t("cancel"));
  const box = el(
    "div",
    { class: "confirm", role: "alertdialog", "aria-label": question },
    el("p", {}, question),
    el("div", { class: "actions" }, yes, no),
  );
  container.replaceChildren(box);
  no.addEventListener("click", () => {
    container.replaceChildren(...before);
    const first = before.find((node): node is HTMLElement => node instanceof HTMLElement);
    first?.focus();
  });
  yes.addEventListener("click", () => {
    yes.disabled = true;
    action().catch((error: unknown) => {
      yes.disabled = false;
      const note = el("p");
      showError(note, error);
      box.append(note);
    });
  });
  no.focus();
}
