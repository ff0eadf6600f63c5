/**
 * One line for a server that cannot listen, instead of Node's stack trace: a second `npm start` on the same
 * port is a mistake a user makes, not a crash to debug.
 */
export function listenErrorLine(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === "EADDRINUSE") {
    return `port ${port} is in use: another sales-coach may be running; set PORT=… to use another port`;
  }
  if (error.code === "EACCES") return `not allowed to listen on port ${port}; set PORT=… to a port above 1023`;
  return `cannot listen on ${host}:${port}: ${error.message}`;
}
