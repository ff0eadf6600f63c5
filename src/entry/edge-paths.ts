/**
 * Where the Worker's static assets serve corpus/manager-situations.tsv (the Worker fetches it when it starts). A module
 * of its own: the Worker imports it, and must not import edge-data.ts, which reads files.
 */
export const EDGE_SITUATIONS_PATH = "/data/manager-situations.tsv";
