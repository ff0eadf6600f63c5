import { realAppDeps } from "../test/support/app-deps.js";
const { fabe } = await realAppDeps();
for (const t of process.argv.slice(2)) console.log(fabe.offline(t).sentences.map((s) => `${s.label}:${s.text}`));
