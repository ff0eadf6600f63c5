import { z } from "zod";

const Localised = z.object({ "zh-Hant": z.string(), "zh-Hans": z.string(), en: z.string() });
const PerLabel = z.object({ F: Localised, A: Localised, B: Localised, E: Localised });
const Violation = z.object({ advice: Localised, principle: Localised.extend({ section: z.string() }) });

/** prompts/fabe-feedback.json. */
export const FabeFeedbackSchema = z.object({
  fabeSection: z.string(),
  names: PerLabel,
  missing: PerLabel,
  complete: Localised,
  order: Localised,
  /**
   * Per selling principle: the advice a rep sees, and the handbook's own words it comes from (`zh-Hant` must
   * appear verbatim in a chunk of `section`: that chunk is the violation's citation, checked at load).
   */
  violations: z.object({
    "casual-promise": Violation,
    contradiction: Violation,
    arguing: Violation,
    bragging: Violation,
    "delaying-order": Violation,
    "no-customer": Violation,
  }),
  placeholder: PerLabel,
  /** The same blanks for the rep's own product: `{product}` is its name as they wrote it. */
  ownPlaceholder: PerLabel,
  /** The note that the pitch was scored on the rep's own product, not a card; `{product}` is its name. */
  ownProduct: Localised,
  /** The note that the pitch is not about the drill's card: `{product}` the card, `{cap}` the score's cap. */
  offProduct: Localised,
  /** The same when the pitch names another of our cards, `{other}`. */
  offProductNamed: Localised,
  fromCard: Localised,
  fixPromise: Localised,
  /** The CLI's words around a scored pitch (format-text.ts). */
  terminal: z.object({
    score: Localised,
    missing: Localised,
    none: Localised,
    violations: Localised,
    feedback: Localised,
    rewrite: Localised,
  }),
});

export type FabeFeedback = z.infer<typeof FabeFeedbackSchema>;

const Line = Localised;
/** corpus/products.json: product cards a pitch can be checked against and a rewrite can draw facts from. */
export const ProductSchema = z.object({
  id: z.string(),
  name: Localised,
  /**
   * How reps name it, so a pitch finds its card without `product`: each entry is words that must all appear
   * ("E路通" + "進階" is the premium tier). Only named products have aliases: a pitch about "a CRM" may be
   * about anyone's CRM, and the rewrite must not fill it with our card's facts.
   */
  aliases: z.array(z.array(z.string().min(1)).min(1)).default([]),
  summary: Localised,
  features: z.array(Line).min(1),
  advantages: z.array(Line).min(1),
  benefits: z.array(Line.extend({ customer: z.string() })).min(1),
  evidence: z.array(Line).min(1),
});
export type Product = z.infer<typeof ProductSchema>;

/** corpus/drills.json: practice prompts. */
export const DrillSchema = z.object({
  id: z.string(),
  lang: z.enum(["zh-Hant", "zh-Hans", "en"]),
  product: z.string(),
  customer: z.string(),
  situation: z.string(),
  focus: z.enum(["F", "A", "B", "E", "all"]),
  prompt: z.string(),
});
export type Drill = z.infer<typeof DrillSchema>;
