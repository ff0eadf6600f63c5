import type { Product } from "./feedback-data.js";

/** The product a pitch is practised on: one of our cards, or the rep's own product named in their words. */
export interface ProductChoice {
  /** The card, when `product` named one (its id or an alias) or the pitch names one. */
  card?: Product;
  /** The rep's own product, as they wrote it, when it is not one of our cards. */
  own?: string;
}

/**
 * Reads `product`: a card id, then a card alias inside the text (「搜索E路通進階版」 picks the premium card), and
 * otherwise the rep's own product, never an error. Without `product`, the card the pitch itself names, if any.
 */
export function chooseProduct(
  product: string | undefined,
  pitch: string,
  cards: readonly Product[],
  toTraditional: (text: string) => string,
): ProductChoice {
  const text = product?.trim();
  if (!text) {
    const named = cardNamedIn(pitch, cards, toTraditional);
    return named ? { card: named } : {};
  }
  const byId = cards.find((card) => card.id === text);
  if (byId) return { card: byId };
  const byAlias = cardNamedIn(text, cards, toTraditional);
  return byAlias ? { card: byAlias } : { own: text };
}

/** The card whose alias a text uses; the most specific alias wins (進階版 over 搜索E路通). */
export function cardNamedIn(
  text: string,
  cards: readonly Product[],
  toTraditional: (text: string) => string,
): Product | undefined {
  const haystack = toTraditional(text).toLowerCase();
  let best: { card: Product; words: number } | undefined;
  for (const card of cards) {
    for (const alias of card.aliases) {
      const matched = alias.every((word) => haystack.includes(toTraditional(word).toLowerCase()));
      if (matched && alias.length > (best?.words ?? 0)) best = { card, words: alias.length };
    }
  }
  return best?.card;
}
