import { Document } from "@langchain/core/documents";
import { BaseRetriever, type BaseRetrieverInput } from "@langchain/core/retrievers";
import type { Retriever } from "./retriever.js";
import type { Lang } from "./types.js";

export interface HandbookRetrieverInput extends BaseRetrieverInput {
  retriever: Retriever;
  k?: number;
  lang?: Lang;
}

/**
 * The handbook retrieval as a LangChain retriever: each result becomes a Document whose page content is
 * the passage (Chinese, then English) and whose metadata carries the citation (id, path, source span).
 * An abstention is an empty list.
 */
export class HandbookRetriever extends BaseRetriever {
  lc_namespace = ["sales_coach", "retrievers"];
  private readonly retriever: Retriever;
  private readonly k: number;
  private readonly lang: Lang | undefined;

  constructor(fields: HandbookRetrieverInput) {
    super(fields);
    this.retriever = fields.retriever;
    this.k = fields.k ?? 5;
    this.lang = fields.lang;
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const result = await this.retriever.retrieve(query, { k: this.k, ...(this.lang ? { lang: this.lang } : {}) });
    return result.results.map(
      (chunk) =>
        new Document({
          pageContent: `${chunk.text}\n\n${chunk.en}`,
          metadata: {
            id: chunk.id,
            sectionId: chunk.sectionId,
            title: chunk.title,
            path: chunk.path,
            start: chunk.start,
            end: chunk.end,
            score: chunk.score,
          },
        }),
    );
  }
}
