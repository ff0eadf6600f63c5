/** Who is asking, when bearer tokens are on (COACH_TOKENS). */
export interface Viewer {
  user: string;
  role: "manager" | "rep";
  team: string;
}

/** A rep sees the sessions they started; a manager those started by anyone in their team. */
export function canSee(viewer: Viewer, owner: { user: string; team: string } | undefined): boolean {
  if (!owner) return false; // started before tokens were on: nobody's to show
  return viewer.role === "manager" ? owner.team === viewer.team : owner.user === viewer.user;
}
