import type { RecallsHealth } from '../../shared/contract';
import type { AppEventBus } from '../events/appEventBus';
import type { Logger } from '../ports';

/** What a storage failure means for recalls, in words a person can act on. */
export function describeStorageFault(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const name = typeof code === 'string' ? code : '';
  if (name === 'SQLITE_FULL') {
    return 'The disk is full, so Navi cannot record recall runs. Recalls that are due will run once some space is free.';
  }
  if (name.startsWith('SQLITE_READONLY')) {
    return "Navi's database is read-only, so recall runs cannot be recorded. Recalls that are due will run once it can be written again.";
  }
  if (name === 'SQLITE_CORRUPT' || name === 'SQLITE_NOTADB') {
    return "Navi's database is damaged, so recall runs cannot be recorded. Recalls that are due are waiting; restart Navi to repair or restore it.";
  }
  if (name === 'SQLITE_BUSY' || name === 'SQLITE_LOCKED') {
    return "Navi's database is busy, so recalls that are due are waiting; Navi keeps trying.";
  }
  if (name.startsWith('SQLITE_IOERR') || name === 'SQLITE_CANTOPEN') {
    return 'Navi could not read or write its database (an input/output error), so recalls that are due are waiting; Navi keeps trying.';
  }
  const detail = error instanceof Error ? error.message : '';
  return `Recalls that are due are waiting because of an unexpected problem${detail ? `: ${detail}` : ''}. Navi keeps trying.`;
}

/**
 * The scheduler's health, shown to people: a problem it waits out (a full disk) with what waits and
 * when it tries again, or none. Each new problem is logged once, not on every retry.
 */
export class SchedulerHealth {
  private current: RecallsHealth = { problem: null };

  constructor(
    private readonly bus: AppEventBus,
    private readonly logger: Logger,
  ) {}

  get state(): RecallsHealth {
    return this.current;
  }

  failed(error: unknown, now: number, retryAt: number, waitingRecallIds: readonly string[]): void {
    const message = describeStorageFault(error);
    const previous = this.current.problem;
    if (previous?.message !== message) this.logger.error(`Recall scheduler: ${message}`, error);
    this.current = {
      problem: {
        message,
        since: previous?.message === message ? previous.since : now,
        retryAt,
        waitingRecallIds: [...waitingRecallIds],
      },
    };
    this.bus.publish({ type: 'recalls-health', health: this.current });
  }

  recovered(): void {
    if (this.current.problem === null) return;
    this.logger.info('Recall scheduler: the problem cleared; recalls run normally again.');
    this.current = { problem: null };
    this.bus.publish({ type: 'recalls-health', health: this.current });
  }
}
