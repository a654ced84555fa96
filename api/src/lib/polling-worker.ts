/**
 * Runs one task every few seconds, never two at once, and stops cleanly: the shape shared by the
 * notification outbox, the SMS outbox and the webhook dispatcher (each task claims its own rows, so
 * several instances may poll the same tables).
 */
import type { Logger } from './logger.js';

export class PollingWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly name: string,
    private readonly task: () => Promise<unknown>,
    private readonly log: Logger,
    private readonly intervalMs = 5000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.task()
        .catch((error: unknown) => this.log.error({ err: error }, `${this.name} failed`))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops polling and waits for a pass in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
