import { describeError } from "./cli/cli-error.js";
import { main } from "./cli/main.js";
import { loadEnvFile } from "./entry/load-env.js";

/** The terminal entry (`npm run coach -- …`, `npx sales-coach …`): `.env`, then the command, then its exit code. */
async function run(): Promise<number> {
  try {
    loadEnvFile(process.env);
  } catch (error) {
    console.error(describeError(error, false));
    return 1;
  }
  return main(process.argv.slice(2), {
    env: process.env,
    out: (text) => console.log(text),
    err: (text) => console.error(text),
    input: process.stdin,
  });
}

// process.exit: LanceDB and SQLite handles would otherwise keep a finished command alive.
run().then((code) => process.exit(code));
