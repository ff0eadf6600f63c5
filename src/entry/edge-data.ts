import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readCoachFiles } from "../coach/coach-files.js";
import type { CoachFiles } from "../coach/services.js";
import { readLexiconFiles } from "../retrieval/lexicon-files.js";
import type { LexiconFiles } from "../retrieval/offline-parts.js";
import type { ApiDocsAssets } from "../web/api-docs.js";
import { CHART_CSS, CHART_JS, type WebAssets } from "../web/pages.js";
import { readApiDocsAssets } from "../web/read-api-docs-assets.js";
import { readChartAssets, readWebAssets } from "../web/web-assets.js";
import { EDGE_SITUATIONS_PATH } from "./edge-paths.js";

/**
 * Every data file the app reads, in one object: what the Workers build imports (it has no file system). Swagger UI
 * is not in it: Workers static assets serve it (`writeEdgeAssets`).
 */
export interface EdgeData extends CoachFiles {
  lexicon: LexiconFiles;
  web: WebAssets;
}

/** Reads the same files the Node entry reads, through the same readers. */
export async function readEdgeData(root: string): Promise<EdgeData> {
  const coach = await readCoachFiles(root);
  // Node reads the role-play move model on the first turn; the Worker has no files, so its text goes in whole.
  const moveModel = coach.roleplay.moveModelText;
  const lexicon = await readLexiconFiles(join(root, "corpus"));
  const adviceModel = coach.advicePrompts.modelJson;
  return {
    // The managers' situation lines are served as a static asset (`writeEdgeAssets`) and fetched when the Worker
    // starts: a third of a megabyte of gzip the Worker's size limit has no room for.
    lexicon: { ...lexicon, managerSituationsTsv: "" },
    ...coach,
    // Node parses the advice model on the first scenario; the Worker has no files, so it goes in whole.
    advicePrompts: {
      ...coach.advicePrompts,
      modelJson: typeof adviceModel === "function" ? adviceModel() : adviceModel,
    },
    roleplay: { ...coach.roleplay, moveModelText: typeof moveModel === "function" ? moveModel() : moveModel },
    // The chart library is served by static assets (`writeEdgeAssets`), not from the Worker's bundle.
    web: withoutChart(await readWebAssets(join(root, "src", "web", "assets"))),
  };
}

function withoutChart({ chart: _chart, ...web }: WebAssets): WebAssets {
  return web;
}

/**
 * The files Workers static assets serve before the Worker sees a request (wrangler.toml `[assets]`): Swagger UI's
 * browser build at the paths the API reference page loads (/docs/swagger-ui-bundle.js, /docs/swagger-ui.css), and
 * uPlot's at the paths /progress and /team load: the same bytes the Node server serves from the app.
 */
export async function writeEdgeAssets(folder: string, root: string): Promise<void> {
  const assets: ApiDocsAssets = await readApiDocsAssets();
  await mkdir(join(folder, "docs"), { recursive: true });
  await writeFile(join(folder, "docs", "swagger-ui-bundle.js"), assets.js);
  await writeFile(join(folder, "docs", "swagger-ui.css"), assets.css);
  const chart = await readChartAssets();
  await mkdir(join(folder, "assets"), { recursive: true });
  await writeFile(join(folder, CHART_JS.slice(1)), chart.js);
  await writeFile(join(folder, CHART_CSS.slice(1)), chart.css);
  const lexicon = await readLexiconFiles(join(root, "corpus"));
  await mkdir(join(folder, "data"), { recursive: true });
  const situations = lexicon.managerSituationsTsv;
  await writeFile(
    join(folder, EDGE_SITUATIONS_PATH.slice(1)),
    typeof situations === "function" ? situations() : situations,
  );
}
