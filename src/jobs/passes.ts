// One pass of a queue's work at a time in this process: a kick during a pass asks for one more pass after it, so
// nothing enqueued meanwhile waits for the next poll (the outbox's and the webhooks' delivery loops).
interface Passes {
  /** Starts a pass now, or one more after the running one. */
  kick(): void;
  /** Waits until no pass is running. */
  settled(): Promise<void>;
}

export function serialPasses(pass: () => Promise<unknown>, onError: (error: Error) => void): Passes {
  let running: Promise<void> | null = null;
  let again = false;
  return {
    kick() {
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          await pass();
        } while (again);
      })()
        .catch(onError)
        .finally(() => {
          running = null;
        });
    },
    async settled() {
      while (running) await running;
    },
  };
}
