import { type ClientResponse, hc } from "hono/client";
import type { AppType } from "../app.js";
import type { ErrorBody } from "../lib/errors.js";

/**
 * A typed client of the whole API (`hc<AppType>`) over an app in this process: requests go through every middleware and route as over HTTP
 * (validation, limits, errors), without a socket. The CLI uses it.
 */
export function inProcessClient(app: { fetch: (request: Request) => Response | Promise<Response> }) {
  return hc<AppType>("http://sales-coach.local", {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(app.fetch(new Request(input, init))),
  });
}

/** An error answer of the API, with its stable code; its message is safe to print. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The body type of a route's successful answers (200, 201), out of the union of all its answers. */
export type Success<R> =
  R extends ClientResponse<infer Body, infer Status, string> ? (Status extends 200 | 201 ? Body : never) : never;

/** The body of a successful answer; an error answer becomes an ApiError. */
export async function expectOk<R extends ClientResponse<unknown, number, string>>(
  pending: Promise<R>,
): Promise<Success<R>> {
  const response = await pending;
  if (!response.ok) throw await apiErrorOf(response as unknown as Response);
  return (await response.json()) as Success<R>;
}

/** The ApiError an error answer stands for, read from its body in the error format. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
  return new ApiError(response.status, body?.error?.code ?? "http", body?.error?.message ?? `HTTP ${response.status}`);
}
