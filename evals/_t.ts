import { realAppDeps } from "../test/support/app-deps.js";
const { fabe } = await realAppDeps();
for (const t of process.argv.slice(2)) for (const s of fabe.split(t)) console.log(fabe.classify(s.text), s.text);
