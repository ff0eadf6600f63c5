import { z } from "zod";
import type { CorpusIndex } from "../../corpus/corpus-index.js";
import { delimited } from "../../llm/delimit.js";
import { parseJsonAnswer } from "../../llm/json-answer.js";
import type { ChatModel } from "../../llm/types.js";
import { ProviderError } from "../../llm/types.js";
import type { Lang } from "../../retrieval/types.js";
import { parseDataFile } from "../parse-data-file.js";
import type { Classification } from "./classify.js";
import { FabeCues, LABELS, type Label } from "./cues.js";
import { FabeModelSchema } from "./fabe-model.js";
import { FabeSettingsSchema } from "./fabe-settings.js";
import {
  type Drill,
  DrillSchema,
  type FabeFeedback,
  FabeFeedbackSchema,
  type Product,
  ProductSchema,
} from "./feedback-data.js";
import { FabeLabeller } from "./labeller.js";
import { LinearModel } from "./linear-model.js";
import { OffProductCheck } from "./off-product.js";
import { type FabeDeps, type FabeResult, type LabelledSentence, scorePitch } from "./score-pitch.js";
import { PitchSplitter, type Span } from "./split.js";
import { ViolationFinder } from "./violations.js";

/** The data files FABE reads, as loaded by a runtime. */
export interface FabeFiles {
  cuesJson: unknown;
  /**
   * prompts/fabe-model.json: the trained labeller and violation finder (npm run fabe:train); undefined labels by
   * the rules alone.
   */
  modelJson: unknown;
  feedbackJson: unknown;
  /** prompts/fabe-settings.json: thresholds, rubric points, the splitter's lengths and word lists. */
  settingsJson: unknown;
  productsJson: unknown;
  drillsJson: unknown;
  /** prompts/fabe.system.md: llm mode's instructions. */
  system: string;
}

const ModelLabelsSchema = z.object({ labels: z.array(z.enum(LABELS)) });
/** The labels' JSON Schema, for providers that take one (`response_format: json_schema`). */
const LABELS_JSON = { name: "labels", schema: z.toJSONSchema(ModelLabelsSchema) as Record<string, unknown> };

/**
 * FABE scoring. Offline, the trained labeller (over the cue rules) labels each sentence. In llm mode the
 * chat model labels the same sentences (structured output, validated with zod); everything else — missing parts, violations, score,
 * feedback, rewrite — is computed from those labels exactly as offline, and any model failure or invalid
 * output falls back to the offline labels with `fallback`.
 */
export class FabeService {
  readonly products: Product[];
  readonly drills: Drill[];
  private readonly deps: FabeDeps;
  private readonly system: string;

  constructor(
    files: FabeFiles,
    corpus: CorpusIndex,
    toTraditional: (text: string) => string,
    private readonly model?: ChatModel,
  ) {
    this.system = files.system;
    this.products = parseDataFile(z.array(ProductSchema), files.productsJson, "corpus/products.json");
    this.drills = parseDataFile(z.array(DrillSchema), files.drillsJson, "corpus/drills.json");
    for (const drill of this.drills) {
      if (!this.products.some((product) => product.id === drill.product))
        throw new Error(`drill ${drill.id}: unknown product ${drill.product}`);
    }
    const settings = parseDataFile(FabeSettingsSchema, files.settingsJson, "prompts/fabe-settings.json");
    const cues = new FabeCues(files.cuesJson, toTraditional);
    const models =
      files.modelJson === undefined
        ? undefined
        : parseDataFile(FabeModelSchema, files.modelJson, "prompts/fabe-model.json");
    const feedback = parseDataFile(FabeFeedbackSchema, files.feedbackJson, "prompts/fabe-feedback.json");
    this.deps = {
      cues,
      labeller: new FabeLabeller(
        cues,
        toTraditional,
        settings,
        models && new LinearModel(models.sentences),
        models?.transitions,
      ),
      feedback,
      splitter: new PitchSplitter(settings.split),
      violations: new ViolationFinder(
        cues,
        feedback.violations,
        corpus,
        settings.violations,
        models && new LinearModel(models.violations),
        models && new LinearModel(models.addressed),
      ),
      rubric: settings.rubric,
      offProduct: new OffProductCheck(
        this.products,
        toTraditional,
        settings.offProduct.minShared,
        settings.offProduct.shared,
      ),
      products: this.products,
      corpus,
      toTraditional,
    };
  }

  /** A pitch or a role-play message cut into sentences, the same way a pitch is scored. */
  split(text: string): Span[] {
    return this.deps.splitter.split(text);
  }

  /** The words the CLI frames a scored pitch with (prompts/fabe-feedback.json `terminal`). */
  get terminalWords(): FabeFeedback["terminal"] {
    return this.deps.feedback.terminal;
  }

  /** One sentence's label and the cues behind it, read on its own. */
  classify(text: string): Classification {
    const [labelled] = this.deps.labeller.label([text]);
    return { label: labelled?.label ?? "other", cues: labelled?.cues ?? [] };
  }

  /** The trained labeller's labels of sentences read together, as one pitch (a role-play turn). */
  labelSentences(texts: readonly string[]): Label[] {
    return this.deps.labeller.label(texts).map((sentence) => sentence.label);
  }

  /** The rules' label of one sentence (classify.ts): the labelling guide's tests on its cue words alone. */
  rulesLabel(text: string): Label {
    return this.deps.labeller.rulesLabel(text);
  }

  /** Selling-principle violations in one sentence (promises, contradicting, arguing). */
  violationsIn(text: string) {
    return this.deps.cues.violations(text);
  }

  offline(pitch: string, product?: string, lang?: Lang): FabeResult {
    return scorePitch({ pitch, ...(product ? { product } : {}), ...(lang ? { lang } : {}) }, this.deps);
  }

  async score(pitch: string, product?: string, lang?: Lang): Promise<FabeResult> {
    const offline = this.offline(pitch, product, lang);
    if (!this.model || offline.sentences.length === 0) return offline;
    let labels: Label[];
    try {
      const raw = await this.model.complete(
        [
          { role: "system", content: this.system },
          {
            role: "user",
            content: delimited(
              "sentences",
              offline.sentences.map((sentence, index) => `${index + 1}. ${sentence.text}`).join("\n"),
            ),
          },
        ],
        { json: LABELS_JSON },
      );
      const parsed = ModelLabelsSchema.safeParse(parseJsonAnswer(raw));
      if (!parsed.success || parsed.data.labels.length !== offline.sentences.length)
        return { ...offline, fallback: "invalid_model_output" };
      labels = parsed.data.labels;
    } catch (error) {
      if (error instanceof ProviderError) return { ...offline, fallback: error.reason };
      throw error;
    }
    const relabel = (sentences: LabelledSentence[]) =>
      sentences.map((sentence, index) =>
        labels[index] === sentence.label ? sentence : { ...sentence, label: labels[index] as Label, cues: [] },
      );
    return {
      ...scorePitch({ pitch, ...(product ? { product } : {}), ...(lang ? { lang } : {}) }, this.deps, relabel),
      mode: "llm",
      model: this.model.name,
    };
  }
}
