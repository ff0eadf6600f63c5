import type { Viewer } from "../../lib/viewer.js";
import type { Owner } from "./types.js";

/** Without COACH_TOKENS there is one local user, a manager (DESIGN §7). */
export const LOCAL_OWNER: Owner = { user: "local", team: "local" };

export function ownerOf(viewer: Viewer | undefined): Owner {
  return viewer ? { user: viewer.user, team: viewer.team } : LOCAL_OWNER;
}
