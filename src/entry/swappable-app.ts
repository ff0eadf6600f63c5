/** What the server needs of an app: Hono's fetch. */
interface Fetchable {
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
}

/**
 * The app the server answers with, replaceable while it runs. Each request picks the current app when it
 * arrives and finishes on it, so a swap never changes the corpus under a request in flight; the old app is
 * garbage once its last request ends.
 */
export class SwappableApp {
  constructor(private current: Fetchable) {}

  readonly fetch = (request: Request, env?: unknown): Response | Promise<Response> => this.current.fetch(request, env);

  swap(next: Fetchable): void {
    this.current = next;
  }
}
