import { parseArgs } from "node:util";
import type { Lang } from "../retrieval/types.js";
import { CliError, describeError } from "./cli-error.js";
import { type CliContext, runCommand } from "./commands.js";
import { COMMANDS, HELP_HINT, usageText } from "./usage.js";

export type { CliContext } from "./commands.js";

const OPTIONS = {
  json: { type: "boolean" },
  lang: { type: "string" },
  "sync-english": { type: "boolean" },
  name: { type: "string" },
  replace: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  verbose: { type: "boolean" },
} as const;

const LANGS: readonly string[] = ["zh-Hant", "zh-Hans", "en"];

/** How many words each command takes after its name (`ask` joins all of them into the scenario). */
const POSITIONALS: Record<string, number> = {
  drill: 0,
  roleplay: 1,
  "add-playbook": 1,
  "remove-playbook": 1,
  playbooks: 0,
  ingest: 0,
};

/**
 * `npm run coach -- …`: parses the command line, prints help or runs one command, and turns every failure
 * into a message rather than a stack trace. Returns the exit code; output goes through `context`, so tests
 * can run it in process.
 */
export async function main(argv: string[], context: CliContext): Promise<number> {
  const debug = isSet(context.env.DEBUG) || argv.includes("--verbose");
  try {
    return await run(argv, context);
  } catch (error) {
    context.err(describeError(error, debug));
    if (error instanceof CliError && error.exitCode === 2) context.err(HELP_HINT);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

async function run(argv: string[], context: CliContext): Promise<number> {
  const { positionals, values } = parse(argv);
  const [command, ...rest] = positionals;
  if (command === "help" || values.help) {
    const topic = command === "help" ? rest[0] : command;
    if (topic && !COMMANDS[topic]) throw CliError.usage(`unknown command "${topic}"`);
    context.out(usageText(topic));
    return 0;
  }
  if (!command) {
    context.err(usageText());
    return 2;
  }
  const help = COMMANDS[command];
  if (!help) throw CliError.usage(`unknown command "${command}"`);
  for (const [option, value] of Object.entries(values)) {
    if (value !== undefined && option !== "verbose" && !help.options.includes(option)) {
      throw CliError.usage(`${command} takes no --${option} option`);
    }
  }
  const most = POSITIONALS[command] ?? Number.POSITIVE_INFINITY;
  if (rest.length > most)
    throw CliError.usage(`${command} takes ${most === 0 ? "no arguments" : "one argument"}, not "${rest.join(" ")}"`);
  if (values.lang !== undefined && !LANGS.includes(values.lang)) {
    throw CliError.usage(`--lang must be zh-Hant, zh-Hans or en, not "${values.lang}"`);
  }
  return runCommand(
    command,
    rest,
    {
      json: Boolean(values.json),
      ...(values.lang ? { lang: values.lang as Lang } : {}),
      ...(values.name ? { name: values.name } : {}),
      replace: Boolean(values.replace),
      syncEnglish: Boolean(values["sync-english"]),
    },
    context,
  );
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    // parseArgs words its errors for programmers ("… place it at the end of the command after '--' …").
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    if (unknown) throw CliError.usage(`unknown option ${unknown[1]}`);
    const missing = /^Option '(--?[\w-]+)[^']*' argument missing/.exec(message);
    if (missing) throw CliError.usage(`${missing[1]} needs a value`);
    throw CliError.usage(message.split(". ")[0] as string);
  }
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}
