/**
 * A string that remembers, for every character, which span of the original source it came from.
 *
 * Every cleaning step (dropping markers, repairing glyphs, undoing spun words) is an edit on a
 * TrackedText, so after any number of steps a span of the clean text still maps back to the exact
 * source span a citation must point to: `source.slice(sourceStart(a), sourceEnd(b))`.
 */
export interface Edit {
  /** Start of the replaced span in the current text (UTF-16 code units). */
  start: number;
  /** End (exclusive) of the replaced span. */
  end: number;
  /** Replacement text; "" deletes the span. */
  text: string;
}

export class TrackedText {
  private constructor(
    readonly text: string,
    /** Source offset where character i starts. */
    private readonly starts: Int32Array,
    /** Source offset where character i ends (exclusive). */
    private readonly ends: Int32Array,
  ) {}

  /** Wraps a source string: every character maps to itself. */
  static fromSource(source: string, offset = 0): TrackedText {
    const starts = new Int32Array(source.length);
    const ends = new Int32Array(source.length);
    for (let i = 0; i < source.length; i++) {
      starts[i] = offset + i;
      ends[i] = offset + i + 1;
    }
    return new TrackedText(source, starts, ends);
  }

  /** Joins tracked texts end to end; each keeps its own provenance. */
  static concat(parts: readonly TrackedText[]): TrackedText {
    const length = parts.reduce((sum, part) => sum + part.length, 0);
    const starts = new Int32Array(length);
    const ends = new Int32Array(length);
    let offset = 0;
    for (const part of parts) {
      starts.set(part.starts, offset);
      ends.set(part.ends, offset);
      offset += part.length;
    }
    return new TrackedText(parts.map((part) => part.text).join(""), starts, ends);
  }

  get length(): number {
    return this.text.length;
  }

  /** Source offset of the start of the clean span beginning at `index`. */
  sourceStart(index: number): number {
    return this.starts[index] as number;
  }

  /** Source offset just past the clean span ending (exclusive) at `index`. */
  sourceEnd(index: number): number {
    return this.ends[index - 1] as number;
  }

  slice(start: number, end: number): TrackedText {
    return new TrackedText(this.text.slice(start, end), this.starts.slice(start, end), this.ends.slice(start, end));
  }

  /**
   * Applies non-overlapping edits. A replacement's characters all map to the whole source span it
   * replaced, so a chunk boundary can never fall inside a repaired word's provenance.
   */
  applyEdits(edits: readonly Edit[]): TrackedText {
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    let text = "";
    const starts: number[] = [];
    const ends: number[] = [];
    let cursor = 0;
    const keep = (from: number, to: number) => {
      text += this.text.slice(from, to);
      for (let i = from; i < to; i++) {
        starts.push(this.starts[i] as number);
        ends.push(this.ends[i] as number);
      }
    };
    for (const edit of sorted) {
      if (edit.start < cursor) throw new Error(`overlapping edits at ${edit.start}`);
      if (edit.end < edit.start || edit.end > this.text.length) throw new Error(`edit out of range at ${edit.start}`);
      keep(cursor, edit.start);
      if (edit.text.length > 0) {
        // An insertion (empty span) borrows the position of the character it precedes.
        const spanStart = edit.end > edit.start ? (this.starts[edit.start] as number) : this.positionAt(edit.start);
        const spanEnd = edit.end > edit.start ? (this.ends[edit.end - 1] as number) : spanStart;
        text += edit.text;
        for (let i = 0; i < edit.text.length; i++) {
          starts.push(spanStart);
          ends.push(spanEnd);
        }
      }
      cursor = edit.end;
    }
    keep(cursor, this.text.length);
    return new TrackedText(text, Int32Array.from(starts), Int32Array.from(ends));
  }

  /** Replaces every match of `pattern` (which must be global) with the computed replacement. */
  replaceAll(pattern: RegExp, replace: (match: RegExpExecArray) => string | undefined): TrackedText {
    if (!pattern.global) throw new Error("replaceAll needs a global pattern");
    const edits: Edit[] = [];
    for (const match of this.text.matchAll(pattern)) {
      const text = replace(match as RegExpExecArray);
      if (text === undefined || text === match[0]) continue;
      edits.push({ start: match.index, end: match.index + match[0].length, text });
    }
    return this.applyEdits(edits);
  }

  private positionAt(index: number): number {
    if (index < this.text.length) return this.starts[index] as number;
    return this.text.length > 0 ? (this.ends[this.text.length - 1] as number) : 0;
  }
}
