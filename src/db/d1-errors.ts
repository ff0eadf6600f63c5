import { DrizzleQueryError } from "drizzle-orm/errors";
import { AppError } from "../lib/errors.js";

/**
 * D1 failures as the stores report them: anything D1 throws is AppError "unavailable" (503, "try again"), never a
 * crash or a conflict; `what` names what could not be reached ("Sessions", "Conversations").
 */
export function unavailable(error: unknown, what: string): AppError {
  // drizzle wraps a failed query with its parameters, which hold users' words: the log gets D1's own error.
  const cause = error instanceof DrizzleQueryError ? (error.cause ?? error) : error;
  return new AppError("unavailable", `${what} are not reachable right now; try again in a moment.`, undefined, {
    cause,
  });
}

export async function unavailableOnError<T>(work: () => Promise<T>, what: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw unavailable(error, what);
  }
}

/** True if D1 (or drizzle wrapping it) says a constraint failed; the message is all D1 gives to tell. */
export function isConstraintError(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (/constraint failed|SQLITE_CONSTRAINT/i.test(current.message)) return true;
  }
  return false;
}
