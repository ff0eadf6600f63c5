import type { Chunk, Corpus, Section, SectionNode } from "./types.js";

/** Read-only lookups over a built corpus, shared by every runtime. Built once at startup. */
export class CorpusIndex {
  private readonly chunksById: Map<string, Chunk>;
  readonly tree: SectionNode[];

  constructor(readonly corpus: Corpus) {
    this.chunksById = new Map(corpus.chunks.map((chunk) => [chunk.id, chunk]));
    this.tree = buildTree(corpus.sections);
  }

  get chunks(): readonly Chunk[] {
    return this.corpus.chunks;
  }

  get sections(): readonly Section[] {
    return this.corpus.sections;
  }

  chunk(id: string): Chunk | undefined {
    return this.chunksById.get(id);
  }
}

function buildTree(sections: readonly Section[]): SectionNode[] {
  const nodes = new Map<string, SectionNode>();
  const roots: SectionNode[] = [];
  for (const section of sections) {
    const node: SectionNode = { id: section.id, title: section.title, titleEn: section.titleEn, children: [] };
    nodes.set(section.id, node);
    const parent = section.parentId ? nodes.get(section.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
