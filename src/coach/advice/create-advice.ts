import type { CorpusIndex } from "../../corpus/corpus-index.js";
import { QuoteMatcher } from "../../llm/quote-match.js";
import type { ChatModel } from "../../llm/types.js";
import { parseQuestions } from "../../retrieval/question-ranker.js";
import type { Retriever } from "../../retrieval/retriever.js";
import { parseDataFile } from "../parse-data-file.js";
import { AdviceModelSchema } from "./advice-model.js";
import { AdviceService } from "./advise.js";
import { parseAdviceData } from "./data.js";
import { parsePassageSituations } from "./passage-situations.js";

/** The prompts/ files advice reads, as loaded by a runtime (files on Node, bundled on Workers). */
export interface AdvicePromptFiles {
  diagnosisJson: unknown;
  offlineJson: unknown;
  /** prompts/advice-settings.json: the offline engine's tuning numbers. */
  settingsJson: unknown;
  system: string;
  user: string;
  /**
   * prompts/advice-model.json (`npm run advice:train`): the trained diagnosis, scope model and passage ranker; or how
   * to read it on the first scenario (Node).
   */
  modelJson: unknown | (() => unknown);
}

export interface CreateAdviceOptions {
  retriever: Retriever;
  corpus: CorpusIndex;
  prompts: AdvicePromptFiles;
  situationsTsv: string;
  /** Its text, or how to read it on the first scenario (Node: an idle server does not hold it). */
  managerSituationsTsv: string | (() => string);
  toTraditional: (text: string) => string;
  toSimplified: (text: string) => string;
  /** Present in llm mode. */
  model?: ChatModel;
}

export function createAdviceService(options: CreateAdviceOptions): AdviceService {
  const glossary = options.retriever.glossary;
  const files = options.prompts;
  const data = parseAdviceData(files.diagnosisJson, files.offlineJson, files.settingsJson);
  const prompts = { system: files.system, user: files.user, languages: data.templates.replyLanguage };
  return new AdviceService({
    retriever: options.retriever,
    corpus: options.corpus,
    data,
    situations: parsePassageSituations(options.situationsTsv),
    situationLines: () => {
      const tsv = options.managerSituationsTsv;
      return parseQuestions(typeof tsv === "function" ? tsv() : tsv);
    },
    model: () =>
      parseDataFile(
        AdviceModelSchema,
        typeof files.modelJson === "function" ? files.modelJson() : files.modelJson,
        "prompts/advice-model.json",
      ),
    toTraditional: options.toTraditional,
    toSimplified: options.toSimplified,
    conceptLabel: (id, lang) => glossary.concept(id)?.label[lang],
    conceptHandbookTerms: (id) => glossary.concept(id)?.handbook,
    ...(options.model
      ? {
          llm: {
            model: options.model,
            prompts,
            quotes: new QuoteMatcher({ toTraditional: options.toTraditional, toSimplified: options.toSimplified }),
          },
        }
      : {}),
  });
}
