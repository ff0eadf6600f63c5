import { AppError } from "../../lib/errors.js";
import type { Viewer } from "../../lib/viewer.js";
import type { ChatStore } from "./chat-store.js";
import { ownerOf } from "./owner.js";
import { deriveRep, type RepDerived } from "./rep-file.js";
import type { ChatMessage, NoteKind, RepFields, RepNote, RepRecord } from "./types.js";

export interface RepView extends RepRecord, RepDerived {}
export interface RepWithNotes extends RepView {
  notes: RepNote[];
}

export interface RepServiceDeps {
  store: ChatStore;
  newId: () => string;
  now: () => Date;
}

/** A rep's file as the API returns it: the owner's fields, what the dates say, without the owner record. */
export function repView(rep: RepRecord, now: Date): RepView {
  return { ...rep, ...deriveRep(rep, now) };
}

/** Rep files (職員檔案): the owner's own, with a timeline of notes; deleted for real. */
export class RepService {
  constructor(private readonly deps: RepServiceDeps) {}

  async create(fields: RepFields, viewer: Viewer | undefined): Promise<RepView> {
    const at = this.deps.now().toISOString();
    const rep: RepRecord = { ...fields, id: this.deps.newId(), owner: ownerOf(viewer), createdAt: at, updatedAt: at };
    await this.deps.store.createRep(rep);
    return this.view(rep);
  }

  async list(viewer: Viewer | undefined): Promise<RepView[]> {
    return (await this.deps.store.listReps(ownerOf(viewer))).map((rep) => this.view(rep));
  }

  /** The file, or a 404 when it is not the caller's. */
  async record(id: string, viewer: Viewer | undefined): Promise<RepRecord> {
    const rep = await this.deps.store.getRep(ownerOf(viewer), id);
    if (!rep) throw new AppError("not_found", `No rep file ${id}.`);
    return rep;
  }

  async get(id: string, viewer: Viewer | undefined): Promise<RepWithNotes> {
    const rep = await this.record(id, viewer);
    return { ...this.view(rep), notes: await this.deps.store.listNotes(rep.id) };
  }

  /** A partial update: a field sent as null is cleared; `name` cannot be cleared. */
  async update(id: string, patch: Partial<Record<keyof RepFields, unknown>>, viewer: Viewer | undefined) {
    const rep = await this.record(id, viewer);
    const merged: Record<string, unknown> = { ...rep };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else if (value !== undefined) merged[key] = value;
    }
    const fields = pickFields(merged as unknown as RepRecord);
    const at = this.deps.now().toISOString();
    if (!(await this.deps.store.updateRep(ownerOf(viewer), id, fields, at)))
      throw new AppError("not_found", `No rep file ${id}.`);
    return this.get(id, viewer);
  }

  async remove(id: string, viewer: Viewer | undefined): Promise<void> {
    if (!(await this.deps.store.deleteRep(ownerOf(viewer), id))) throw new AppError("not_found", `No rep file ${id}.`);
  }

  async addNote(
    id: string,
    note: { text: string; kind?: NoteKind; at?: string },
    viewer: Viewer | undefined,
  ): Promise<RepNote> {
    const rep = await this.record(id, viewer);
    const now = this.deps.now().toISOString();
    const saved: RepNote = {
      id: this.deps.newId(),
      repId: rep.id,
      kind: note.kind ?? "note",
      text: note.text,
      at: note.at ?? now,
      createdAt: now,
    };
    await this.deps.store.addNote(saved);
    return saved;
  }

  /** The file, its notes and its conversations with their messages, as one JSON document (the owner's copy). */
  async export(id: string, viewer: Viewer | undefined) {
    const rep = await this.get(id, viewer);
    const owner = ownerOf(viewer);
    const summaries = await this.deps.store.listConversations(owner, id);
    const conversations: Array<(typeof summaries)[number] & { messages: ChatMessage[] }> = [];
    for (const summary of summaries)
      conversations.push({ ...summary, messages: await this.deps.store.listMessages(summary.id) });
    return { exportedAt: this.deps.now().toISOString(), rep, conversations };
  }

  private view(rep: RepRecord): RepView {
    return repView(rep, this.deps.now());
  }
}

const FIELDS: ReadonlyArray<keyof RepFields> = [
  "name",
  "startDate",
  "type",
  "gender",
  "age",
  "education",
  "major",
  "workHistory",
  "birthday",
  "strengths",
  "weaknesses",
  "likes",
  "results",
];

function pickFields(rep: RepRecord): RepFields {
  const fields: Record<string, unknown> = {};
  for (const key of FIELDS) if (rep[key] !== undefined) fields[key] = rep[key];
  return fields as unknown as RepFields;
}
