import type { Product } from "./feedback-data.js";
import { cardNamedIn } from "./product-choice.js";

/**
 * Whether a pitch practised on a card is clearly about something else: it names another of our cards, or it
 * shares none of the card's own words. A card's own words are the Chinese character pairs and English words of
 * its name, summary and lines that at most `shared` of all the cards use (so 客戶, 我們, "your" never count);
 * a pitch about the card uses a few of them (CRM, 跟進, 客戶資料), a flower shop's pitch none.
 */
export class OffProductCheck {
  private readonly vocabulary = new Map<string, Set<string>>();

  constructor(
    private readonly cards: readonly Product[],
    private readonly toTraditional: (text: string) => string,
    /** How many of the card's own words a pitch must use to be about it. */
    private readonly minShared: number,
    /** A word used by more cards than this is everyone's, not a card's own. */
    shared: number,
  ) {
    const perCard = cards.map((card) => ({ card, terms: this.terms(cardText(card)) }));
    const usedBy = new Map<string, number>();
    for (const { terms } of perCard) for (const term of terms) usedBy.set(term, (usedBy.get(term) ?? 0) + 1);
    for (const { card, terms } of perCard)
      this.vocabulary.set(card.id, new Set([...terms].filter((term) => (usedBy.get(term) ?? 0) <= shared)));
  }

  /** The other card the pitch names, or `true` when it is about none of this card's things; else undefined. */
  check(pitch: string, card: Product): Product | true | undefined {
    const named = cardNamedIn(pitch, this.cards, this.toTraditional);
    if (named && named.id !== card.id && !cardNamedIn(pitch, [card], this.toTraditional)) return named;
    const own = this.vocabulary.get(card.id) ?? new Set<string>();
    let count = 0;
    for (const term of this.terms(pitch)) if (own.has(term)) count++;
    return count < this.minShared ? true : undefined;
  }

  private terms(text: string): Set<string> {
    const lower = this.toTraditional(text).toLowerCase();
    const terms = new Set<string>();
    for (const run of lower.match(/\p{Script=Han}+/gu) ?? [])
      for (let i = 0; i + 1 < run.length; i++) terms.add(run.slice(i, i + 2));
    for (const word of lower.match(/[a-z][a-z0-9-]{2,}/g) ?? []) terms.add(word);
    return terms;
  }
}

function cardText(card: Product): string {
  const lines = [card.name, card.summary, ...card.features, ...card.advantages, ...card.benefits, ...card.evidence];
  return [...lines.flatMap((line) => [line["zh-Hant"], line["zh-Hans"], line.en]), ...card.aliases.flat()].join("\n");
}
