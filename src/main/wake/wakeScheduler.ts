import type { Clock, Logger, TimerHandle } from '../../core/ports';
import type { Disposable } from '../../shared/rpc';
import type { WakeBackend } from './wakePlan';

export type WakeState = 'off' | 'idle' | 'scheduled' | 'unavailable' | 'failed';

export interface WakeStatus {
  readonly state: WakeState;
  /** When the OS will start Navi (scheduled only). */
  readonly at?: number;
  /** The recall it starts Navi for (scheduled only). */
  readonly dueAt?: number;
  /** Why it is unavailable or failed, in words. */
  readonly reason?: string;
}

export interface WakeSchedulerOptions {
  readonly backend: WakeBackend;
  readonly enabled: () => boolean;
  /** When the earliest pending recall is due, if any. */
  readonly nextDue: () => number | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How long before the recall Navi starts (default one minute). */
  readonly leadMs?: number;
  /** Recall changes come in bursts; registration waits this long for them to settle. */
  readonly settleMs?: number;
  readonly onStatus?: (status: WakeStatus) => void;
}

const MINUTE = 60_000;

/**
 * Keeps one OS wake-up registered for the next pending recall while the setting is on: replaced
 * when the earliest due time moves, removed when nothing is pending or the setting goes off. One
 * change at a time; failures are reported in the status, never thrown.
 */
export class WakeScheduler implements Disposable {
  private current: WakeStatus = { state: 'off' };
  /** What the OS holds, as far as this process knows (unknown at start). */
  private registeredAt: number | null | undefined;
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private disposed = false;
  private unavailable: string | undefined | null = null;

  constructor(private readonly options: WakeSchedulerOptions) {}

  get status(): WakeStatus {
    return this.current;
  }

  /** Something changed (a recall, the setting): look again shortly. */
  refresh(): void {
    if (this.disposed || this.timer) return;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      void this.apply();
    }, this.options.settleMs ?? 2_000);
  }

  /** Brings the OS registration in line now; resolves when it is. */
  apply(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.step().catch((error: unknown) => this.fail(error));
      } while (this.again && !this.disposed);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  private async step(): Promise<void> {
    if (this.disposed) return;
    if (!this.options.enabled()) {
      // Only remove what this process may have registered or what a run with the setting on left.
      if (this.registeredAt !== undefined || this.current.state !== 'off') await this.remove();
      return this.set({ state: 'off' });
    }
    if (this.unavailable === null) this.unavailable = await this.options.backend.unavailableReason();
    if (this.unavailable !== undefined) return this.set({ state: 'unavailable', reason: this.unavailable });
    const dueAt = this.options.nextDue();
    if (dueAt === undefined) {
      await this.remove();
      return this.set({ state: 'idle' });
    }
    const lead = this.options.leadMs ?? MINUTE;
    const now = this.options.clock.now();
    // Whole minutes (launchd's calendar has no seconds), never in the past.
    const at = Math.ceil(Math.max(dueAt - lead, now + lead) / MINUTE) * MINUTE;
    if (this.registeredAt !== at) {
      await this.options.backend.register(at);
      this.registeredAt = at;
    }
    this.set({ state: 'scheduled', at, dueAt });
  }

  private async remove(): Promise<void> {
    if (this.registeredAt === null) return;
    await this.options.backend.remove();
    this.registeredAt = null;
  }

  private fail(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    if (this.current.state !== 'failed' || this.current.reason !== reason) {
      this.options.logger.warn(`Could not schedule the background start for recalls: ${reason}`);
    }
    this.registeredAt = undefined;
    this.set({ state: 'failed', reason });
  }

  private set(status: WakeStatus): void {
    const same =
      status.state === this.current.state &&
      status.at === this.current.at &&
      status.dueAt === this.current.dueAt &&
      status.reason === this.current.reason;
    this.current = status;
    if (!same) this.options.onStatus?.(status);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
