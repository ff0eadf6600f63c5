import { ZodError } from "zod";

/**
 * An expected failure of a terminal command (a missing file, an unknown persona, a bad option): the user sees
 * its message as one line and the process exits with its code, never a stack trace. `usage` errors (exit 2)
 * also say where the help is.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = "CliError";
  }

  /** A command line that cannot be run as written: exit 2, like most Unix tools. */
  static usage(message: string): CliError {
    return new CliError(message, 2);
  }
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory, not a file",
  ENOTDIR: "a part of the path is not a directory",
};

/**
 * What the terminal shows for a failure: the message alone for expected ones (and for file-system errors,
 * which Node words as `ENOENT: no such file or directory, open '…'`); the stack too only when asked to
 * debug, so an unexpected failure can still be traced.
 */
export function describeError(error: unknown, debug: boolean): string {
  if (error instanceof CliError) return error.message;
  if (!(error instanceof Error)) return String(error);
  if (error instanceof ZodError) {
    // Data that failed its schema: zod's own message is a JSON array of issues, one field per line.
    const issues = error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
    return debug && error.stack ? `invalid data: ${issues}\n${error.stack}` : `invalid data: ${issues}`;
  }
  const { code, path } = error as NodeJS.ErrnoException;
  const known = code && path ? FILE_ERRORS[code] : undefined;
  const message = known ? `${path}: ${known}` : error.message;
  return debug && error.stack ? `${message}\n${error.stack}` : message;
}
