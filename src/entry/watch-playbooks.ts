import { type FSWatcher, mkdirSync, watch } from "node:fs";

export interface WatchPlaybooksOptions {
  folder: string;
  /** Builds and swaps in a new app; its rejection keeps the old one. */
  reload: () => Promise<void>;
  log: (line: string) => void;
  /** Quiet time after the last change before reloading: an editor's save or a copy is several events. */
  debounceMs?: number;
}

/**
 * Reloads when the playbook folder changes (`npm run coach -- add-playbook` while the server runs), so a new
 * playbook is served without a restart. One reload at a time; changes during one start another after it.
 */
export function watchPlaybooks(options: WatchPlaybooksOptions): { close: () => void } {
  mkdirSync(options.folder, { recursive: true });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = options.reload().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      options.log(`playbooks changed but the rebuild failed, still serving the previous corpus: ${message}`);
    });
    await running;
    running = undefined;
    if (again) {
      again = false;
      await run();
    }
  };

  const watcher: FSWatcher = watch(options.folder, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), options.debounceMs ?? 300);
  });
  // A watcher that fails (the folder removed) stops reloading; the server keeps serving what it has.
  watcher.on("error", (error) => options.log(`stopped watching ${options.folder}: ${error.message}`));
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
