import { z } from "zod";
import { PhraseMatcher } from "./phrase-matcher.js";

/** One idea of the handbook with every way a user may name it (corpus/glossary.json). */
export const ConceptSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.object({ "zh-Hant": z.string().min(1), "zh-Hans": z.string().min(1), en: z.string().min(1) }),
  /** Terms as the repaired handbook writes them: how passages are mapped to the concept. */
  handbook: z.array(z.string().min(2)).min(1),
  /** Colloquial, Simplified and spun Chinese forms. */
  zh: z.array(z.string().min(2)).default([]),
  /** English words and phrases, lowercase. */
  en: z.array(z.string().min(2)).default([]),
});

export type Concept = z.infer<typeof ConceptSchema>;

export interface ConceptMatch {
  id: string;
  /** The forms found in the text, as the glossary writes them (Traditional for Chinese). */
  forms: string[];
}

/** Maps text onto the glossary's concepts, in any of the three languages. */
export class Glossary {
  readonly concepts: readonly Concept[];
  private readonly byId: Map<string, Concept>;
  private readonly matcher: PhraseMatcher<{ id: string; handbook: boolean }>;

  constructor(concepts: readonly Concept[], toTraditional: (text: string) => string) {
    this.concepts = concepts;
    this.byId = new Map(concepts.map((concept) => [concept.id, concept]));
    if (this.byId.size !== concepts.length) throw new Error("glossary: duplicate concept ids");
    this.matcher = new PhraseMatcher(toTraditional);
    for (const concept of concepts) {
      for (const form of concept.handbook) this.matcher.addChinese(form, { id: concept.id, handbook: true });
      for (const form of concept.zh) this.matcher.addChinese(form, { id: concept.id, handbook: false });
      for (const form of concept.en) this.matcher.addEnglish(form, { id: concept.id, handbook: false });
    }
  }

  get size(): number {
    return this.concepts.length;
  }

  concept(id: string): Concept | undefined {
    return this.byId.get(id);
  }

  /** Concepts named in Traditional Chinese text; `handbookOnly` restricts to the handbook's own terms. */
  matchChinese(text: string, handbookOnly = false): ConceptMatch[] {
    return group(this.matcher.matchChinese(text, (value) => !handbookOnly || value.handbook));
  }

  /** Concepts named in a query, Chinese or English. */
  match(text: string): ConceptMatch[] {
    return group(this.matcher.match(text));
  }
}

function group(hits: Array<{ form: string; value: { id: string } }>): ConceptMatch[] {
  const found = new Map<string, string[]>();
  for (const hit of hits) {
    const forms = found.get(hit.value.id) ?? [];
    if (!forms.includes(hit.form)) forms.push(hit.form);
    found.set(hit.value.id, forms);
  }
  return [...found].map(([id, forms]) => ({ id, forms }));
}

/** Parses and validates glossary JSON; the error names the concept at fault. */
export function parseGlossary(json: unknown): Concept[] {
  const parsed = z.array(ConceptSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`glossary: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}
