/**
 * The moves a role-play turn can make, by mode: what the trained turn reader recognises and what the labelling
 * guide defines (docs/roleplay-labelling-guide.md, sections 2 and 3). F, A, B and E are a rep's FABE elements.
 */
export const MANAGER_TURN_MOVES = [
  "empathy",
  "open-question",
  "specific-question",
  "listening-back",
  "praise",
  "public-recognition",
  "harsh-criticism",
  "handbook-criticism",
  "give-responsibility",
  "set-target",
  "career-planning",
  "threat",
  "support-offer",
  "let-go",
  "help-up",
  "apology",
  "command",
] as const;

export const REP_TURN_MOVES = [
  "F",
  "A",
  "B",
  "E",
  "needs-question",
  "empathy",
  "yes-but",
  "arguing",
  "bragging",
  "casual-promise",
  "ask-order",
  "propose-time",
  "backing-off",
  "compliment",
  "pushing",
] as const;

export type ManagerTurnMove = (typeof MANAGER_TURN_MOVES)[number];
export type RepTurnMove = (typeof REP_TURN_MOVES)[number];
export type TurnMove = ManagerTurnMove | RepTurnMove;
