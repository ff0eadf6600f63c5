import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import { AppError } from "./errors.js";
import type { Viewer } from "./viewer.js";

declare module "hono" {
  interface ContextVariableMap {
    /** Set by `bearerAuth` when tokens are on; undefined otherwise. */
    viewer: Viewer | undefined;
  }
}

/** COACH_TOKENS: a JSON object from token to `{user, role, team}`. */
export const TokensSchema = z.record(
  z.string().min(16, "tokens must be at least 16 characters"),
  z.object({ user: z.string().min(1), role: z.enum(["manager", "rep"]), team: z.string().min(1) }),
);
export type Tokens = z.infer<typeof TokensSchema>;

/** Every request must carry `Authorization: Bearer <token>` of a known token; 401 otherwise. */
export function bearerAuth(tokens: Tokens): MiddlewareHandler {
  const known = new Map(Object.entries(tokens));
  return async (context, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(context.req.header("authorization") ?? "")?.[1];
    const viewer = token ? known.get(token) : undefined;
    if (!viewer) {
      context.header("WWW-Authenticate", 'Bearer realm="sales-coach"');
      throw new AppError("unauthorized", token ? "That token is not known." : "Send Authorization: Bearer <token>.");
    }
    context.set("viewer", viewer);
    await next();
  };
}
