import type { Recall } from '../shared/contract';

/** The shape of Electron's MenuItemConstructorOptions this module fills (kept free of Electron). */
export interface TrayMenuItem {
  readonly label?: string;
  readonly type?: 'separator' | 'normal';
  readonly enabled?: boolean;
  readonly click?: () => void;
}

export interface TrayMenuInput {
  readonly upcoming: readonly Recall[];
  readonly sessionTitle: (sessionId: string) => string | undefined;
  readonly now: number;
  readonly timeZone: string;
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

/** "Today 14:30", "Tomorrow 09:00" or "Wed 26 Nov 09:00" in the user's zone. */
export function formatWhen(at: number, now: number, timeZone: string): string {
  const day = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(new Date(t));
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
  if (day(at) === day(now)) return `Today ${time}`;
  if (day(at) === day(now + 86_400_000)) return `Tomorrow ${time}`;
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(
    new Date(at),
  );
  return `${date} ${time}`;
}

/** The tray menu: open Navi, the next few recalls with their times, pause all, quit. */
export function buildTrayMenu(input: TrayMenuInput): TrayMenuItem[] {
  const { actions } = input;
  const recalls: TrayMenuItem[] =
    input.upcoming.length === 0
      ? [{ label: 'No upcoming recalls', enabled: false }]
      : input.upcoming.map((recall) => ({
          label: `${formatWhen(recall.nextRunAt ?? input.now, input.now, input.timeZone)} · ${shorten(
            input.sessionTitle(recall.sessionId) ?? recall.message,
          )}`,
          click: () => actions.openSession(recall.sessionId),
        }));
  return [
    { label: 'Open Navi', click: actions.openNavi },
    { type: 'separator' },
    { label: 'Upcoming recalls', enabled: false },
    ...recalls,
    { type: 'separator' },
    { label: 'Pause all recalls', enabled: input.upcoming.length > 0, click: actions.pauseAll },
    { type: 'separator' },
    { label: 'Quit Navi', click: actions.quit },
  ];
}
