/** One terminal command as the help shows it, and the options it accepts (besides --help and --verbose). */
export interface CommandHelp {
  usage: string;
  about: string;
  options: readonly string[];
}

const LANG = "[--lang zh-Hant|zh-Hans|en]";

/** Every command of `npm run coach`, in the order the help lists them. */
export const COMMANDS: Record<string, CommandHelp> = {
  ask: {
    usage: `ask "<scenario>" [--json] ${LANG}`,
    about: "advice on a scenario, with the handbook passages it cites (--json: the API's JSON)",
    options: ["json", "lang"],
  },
  drill: {
    usage: `drill ${LANG} [--json]`,
    about: "shows a FABE practice prompt, reads your pitch (typed, or piped on stdin) and scores it",
    options: ["json", "lang"],
  },
  roleplay: {
    usage: `roleplay <persona> ${LANG}`,
    about: "a live role-play, one line a turn; an empty line ends it with the debrief (no persona: lists them)",
    options: ["lang"],
  },
  "add-playbook": {
    usage: "add-playbook <file.md|file.txt> [--name <id>] [--replace]",
    about: "copies your own playbook into corpus/playbooks/ and rebuilds the corpus",
    options: ["name", "replace"],
  },
  "remove-playbook": {
    usage: "remove-playbook <id>",
    about: "removes an added playbook (ids as `playbooks` lists them, e.g. pb-raises) and rebuilds the corpus",
    options: [],
  },
  playbooks: { usage: "playbooks", about: "lists the added playbooks", options: [] },
  ingest: {
    usage: "ingest [--sync-english]",
    about: "builds the corpus (also `npm run ingest`); --sync-english refreshes handbook.en.txt after repairs",
    options: ["sync-english"],
  },
  help: { usage: "help [<command>]", about: "this help (also --help or -h)", options: [] },
};

const PREFIX = "npm run coach --";

/** The full help, or one command's. */
export function usageText(command?: string): string {
  const names = command ? [command] : Object.keys(COMMANDS);
  const lines = names.map((name) => {
    const help = COMMANDS[name] as CommandHelp;
    return `  ${PREFIX} ${help.usage}\n      ${help.about}`;
  });
  const footer = [
    "",
    "Without the npm banner (for --json | jq): npm run -s coach -- … or npx sales-coach …",
    "DEBUG=1 or --verbose adds the stack trace to an unexpected error.",
  ];
  return ["usage:", ...lines, ...(command ? [] : footer)].join("\n");
}

/** The one line that follows a usage error. */
export const HELP_HINT = `run \`${PREFIX} help\` for the commands and their options`;
