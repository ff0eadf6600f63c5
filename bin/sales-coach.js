#!/usr/bin/env node
// `npx sales-coach …` from the project folder: the same CLI as `npm run coach -- …`, without npm's script
// banner on stdout, so `npx sales-coach ask --json "…" | jq .` gets JSON only. tsx runs the TypeScript as is.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
