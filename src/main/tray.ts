import type { Core } from '../core/core';
import type { Clock, Logger, TimerHandle } from '../core/ports';
import { DisposableStore, type Disposable } from '../shared/rpc';
import type { DesktopElectron } from './electronApi';
import { buildTrayMenu, type LastRun } from './trayMenu';

export interface TrayOptions {
  readonly electron: Pick<DesktopElectron, 'Tray' | 'Menu'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly core: Core;
  readonly icon: string;
  readonly timeZone: () => string;
  readonly openNavi: () => void;
  readonly openSession: (sessionId: string) => void;
  readonly quit: () => void;
}

const UPCOMING = 5;

function lastRunOf(core: Core): LastRun | undefined {
  const run = core.recalls.lastRun();
  return run && { sessionId: run.sessionId, startedAt: run.startedAt, failed: run.outcome === 'failed' };
}

/** The tray icon and its menu, rebuilt when recalls or sessions change and each minute (times). */
export function createTray(options: TrayOptions): Disposable {
  const disposables = new DisposableStore();
  const { clock } = options;
  const tray = new options.electron.Tray(options.icon);
  tray.setToolTip('Navi');
  tray.on('click', options.openNavi);
  let pending: TimerHandle | undefined;
  let minute: TimerHandle | undefined;

  const rebuild = (): void => {
    pending = undefined;
    if (minute) clock.clearTimeout(minute);
    minute = clock.setTimeout(rebuild, 60_000);
    try {
      tray.setContextMenu(options.electron.Menu.buildFromTemplate([...menu()]));
    } catch (error) {
      options.logger.error('Updating the tray menu failed:', error);
    }
  };
  const menu = () => {
    const { core } = options;
    return buildTrayMenu({
      upcoming: core.recalls.upcoming(UPCOMING),
      lastRun: lastRunOf(core),
      sessionTitle: (id) => core.store.getSession(id)?.title,
      now: clock.now(),
      timeZone: options.timeZone(),
      actions: {
        openNavi: options.openNavi,
        openSession: options.openSession,
        pauseAll: () => core.recalls.pauseAll(),
        quit: options.quit,
      },
    });
  };
  const soon = (): void => {
    pending ??= clock.setTimeout(rebuild, 300);
  };

  rebuild();
  disposables.add(
    options.core.bus.subscribe((event) => {
      if (event.type.startsWith('recall-') || event.type.startsWith('session-')) soon();
    }),
  );
  disposables.add({
    dispose: () => {
      if (minute) clock.clearTimeout(minute);
      if (pending) clock.clearTimeout(pending);
      tray.destroy();
    },
  });
  return disposables;
}
