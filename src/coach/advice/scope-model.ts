import type { NormalisedQuery } from "../../retrieval/normalise.js";
import type { Retrieval } from "../../retrieval/retriever.js";
import type { Features } from "../fabe/features.js";

/**
 * What the scope model (prompts/advice-model.json `scope`) weighs to tell a question the handbook covers from one it
 * does not: how much of the query the handbook's words cover, topics the handbook does not treat
 * (corpus/out-of-scope.tsv), the handbook concepts it names, how well the best question and situation lines match,
 * and retrieval's own rule. No word of the query itself: a near question's topic differs from writer to writer.
 */
export function scopeFeatures(retrieval: Retrieval, query: NormalisedQuery): Features {
  const features: Features = new Map();
  features.set("coverage", retrieval.confidence);
  if (query.lang === "en") features.set("coverage:weighted-en", retrieval.weightedConfidence);
  features.set(`lang:${query.lang}`, 1);
  features.set("uncovered-topics", Math.min(3, retrieval.outOfScope.length));
  if (retrieval.outOfScope.length > 0) features.set("uncovered-topic", 1);
  features.set("concepts", Math.min(5, retrieval.concepts.length) / 5);
  if (retrieval.abstained) features.set("retrieval-abstains", 1);
  for (const name of ["questions", "situations", "concepts"]) {
    const best = retrieval.rankings[name]?.[0]?.score ?? 0;
    features.set(`best:${name}`, Math.log1p(best));
  }
  return features;
}
