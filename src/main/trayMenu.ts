import type { Recall } from '../shared/contract';
import { sayWhen } from '../shared/time/timeWords';

/** The shape of Electron's MenuItemConstructorOptions this module fills (kept free of Electron). */
export interface TrayMenuItem {
  readonly label?: string;
  readonly type?: 'separator' | 'normal';
  readonly enabled?: boolean;
  readonly click?: () => void;
}

/** The recall that ran last: when it started and in which conversation. */
export interface LastRun {
  readonly sessionId: string;
  readonly startedAt: number;
  readonly failed: boolean;
}

export interface TrayMenuInput {
  readonly upcoming: readonly Recall[];
  readonly lastRun?: LastRun;
  readonly sessionTitle: (sessionId: string) => string | undefined;
  readonly now: number;
  readonly timeZone: string;
  /** BCP 47; the runtime's (the system's) when absent. */
  readonly locale?: string;
  readonly actions: {
    readonly openNavi: () => void;
    readonly openSession: (sessionId: string) => void;
    readonly pauseAll: () => void;
    readonly quit: () => void;
  };
}

const MAX_TITLE = 32;

function shorten(text: string): string {
  return text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text;
}

/** "Today at 2:30 PM", "Tomorrow at 9:00 AM", "On Friday at 9:00 AM": the shared words, local to the zone. */
export function trayWhen(at: number, now: number, timeZone: string, locale?: string): string {
  const words = sayWhen(at, { now, timeZone, locale });
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The tray menu: open Navi, the next few recalls with their times, pause all, quit. */
export function buildTrayMenu(input: TrayMenuInput): TrayMenuItem[] {
  const { actions, now, timeZone, locale } = input;
  const titleOf = (sessionId: string, fallback: string) => shorten(input.sessionTitle(sessionId) ?? fallback);
  const recalls: TrayMenuItem[] =
    input.upcoming.length === 0
      ? [{ label: 'No upcoming recalls', enabled: false }]
      : input.upcoming.map((recall) => ({
          label: `${trayWhen(recall.nextRunAt ?? now, now, timeZone, locale)} · ${titleOf(recall.sessionId, recall.message)}`,
          click: () => actions.openSession(recall.sessionId),
        }));
  const last = input.lastRun;
  const lastRun: TrayMenuItem[] = last
    ? [
        {
          label: `${last.failed ? 'Last run failed' : 'Last ran'} ${sayWhen(last.startedAt, { now, timeZone, locale })} · ${titleOf(last.sessionId, 'a conversation')}`,
          click: () => actions.openSession(last.sessionId),
        },
      ]
    : [];
  return [
    { label: 'Open Navi', click: actions.openNavi },
    { type: 'separator' },
    { label: 'Upcoming recalls', enabled: false },
    ...recalls,
    ...lastRun,
    { type: 'separator' },
    { label: 'Pause all recalls', enabled: input.upcoming.length > 0, click: actions.pauseAll },
    { type: 'separator' },
    { label: 'Quit Navi', click: actions.quit },
  ];
}
