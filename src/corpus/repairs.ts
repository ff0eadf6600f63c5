import type { Edit, TrackedText } from "./tracked-text.js";

/**
 * One reviewed spun-word repair. The seed was "spun": words machine-replaced by near-synonyms
 * (治理 for 管理, 確實是 for 就是 …). Where the spun form is also a real word (方法, 打算 …),
 * `guard` is a regular expression that must match around an occurrence for it to be repaired.
 */
export interface Repair {
  spun: string;
  original: string;
  guard?: RegExp;
  note: string;
  /** Also repaired in users' queries: only forms no user would mean as written (特不, 集風光試 …). */
  query?: boolean;
}

export interface RepairCount {
  spun: string;
  original: string;
  applied: number;
}

/** Parses repairs.tsv: `spun<TAB>original<TAB>guard<TAB>note<TAB>query`, `#` comments, one header row. */
export function parseRepairs(tsv: string): Repair[] {
  const repairs: Repair[] = [];
  const lines = tsv.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === "" || line.startsWith("#") || line.startsWith("spun\t")) return;
    const [spun, original, guard, note, query] = line.split("\t");
    if (!spun || original === undefined) throw new Error(`repairs.tsv line ${index + 1}: needs spun and original`);
    let pattern: RegExp | undefined;
    if (guard) {
      try {
        pattern = new RegExp(guard, "gu");
      } catch (error) {
        throw new Error(`repairs.tsv line ${index + 1}: bad guard ${guard}: ${(error as Error).message}`);
      }
      if (!guard.includes(spun) && !/[\\([]/.test(guard)) {
        throw new Error(`repairs.tsv line ${index + 1}: guard "${guard}" cannot contain "${spun}"`);
      }
    }
    if (query === "yes" && pattern)
      throw new Error(`repairs.tsv line ${index + 1}: a guarded form cannot apply to queries`);
    repairs.push({
      spun,
      original,
      ...(pattern ? { guard: pattern } : {}),
      note: note ?? "",
      ...(query === "yes" ? { query: true } : {}),
    });
  });
  return repairs;
}

/**
 * Applies all repairs in one left-to-right pass, longest spun form first at each position, so a
 * repair's output is never repaired again (確實是 → 就是 must not then meet another rule) and
 * 如何樣 wins over 如何.
 */
export function applyRepairs(text: TrackedText, repairs: readonly Repair[], counts?: Map<string, number>): TrackedText {
  const source = text.text;
  const byFirst = indexRepairs(repairs);
  const allowed = new Map<Repair, Array<[number, number]>>();
  const spansOf = (repair: Repair) => {
    const known = allowed.get(repair);
    if (known) return known;
    const spans = guardSpans(source, repair);
    allowed.set(repair, spans);
    return spans;
  };
  const edits: Edit[] = [];
  let position = 0;
  while (position < source.length) {
    let matched = false;
    // Only the forms that start with this character, longest first (a query meets hundreds of forms).
    for (const repair of byFirst.get(source[position] as string) ?? []) {
      if (!source.startsWith(repair.spun, position)) continue;
      const spans = repair.guard ? spansOf(repair) : undefined;
      if (spans && !spans.some(([from, to]) => position >= from && position + repair.spun.length <= to)) continue;
      edits.push({ start: position, end: position + repair.spun.length, text: repair.original });
      counts?.set(keyOf(repair), (counts.get(keyOf(repair)) ?? 0) + 1);
      position += repair.spun.length;
      matched = true;
      break;
    }
    if (!matched) position++;
  }
  return text.applyEdits(edits);
}

const indexed = new WeakMap<readonly Repair[], Map<string, Repair[]>>();

/** The repairs by their form's first UTF-16 unit, each list longest form first (stable: file order among equals). */
function indexRepairs(repairs: readonly Repair[]): Map<string, Repair[]> {
  const known = indexed.get(repairs);
  if (known) return known;
  const byFirst = new Map<string, Repair[]>();
  for (const repair of [...repairs].sort((a, b) => b.spun.length - a.spun.length)) {
    const first = repair.spun[0];
    if (first === undefined) continue;
    const list = byFirst.get(first);
    if (list) list.push(repair);
    else byFirst.set(first, [repair]);
  }
  indexed.set(repairs, byFirst);
  return byFirst;
}

export function keyOf(repair: Pick<Repair, "spun" | "original" | "guard">): string {
  return `${repair.spun}\t${repair.original}\t${repair.guard?.source ?? ""}`;
}

function guardSpans(source: string, repair: Repair): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const match of source.matchAll(repair.guard as RegExp)) {
    spans.push([match.index, match.index + match[0].length]);
  }
  return spans;
}
