import { Menu, Tray } from 'electron';
import type { Core } from '../core/core';
import { DisposableStore, type Disposable } from '../shared/rpc';
import { buildTrayMenu } from './trayMenu';

export interface TrayOptions {
  readonly core: Core;
  readonly icon: string;
  readonly timeZone: () => string;
  readonly openNavi: () => void;
  readonly openSession: (sessionId: string) => void;
  readonly quit: () => void;
}

const UPCOMING = 5;

/** The tray icon and its menu, rebuilt when recalls or sessions change and each minute (times). */
export function createTray(options: TrayOptions): Disposable {
  const disposables = new DisposableStore();
  const tray = new Tray(options.icon);
  tray.setToolTip('Navi');
  tray.on('click', options.openNavi);
  let pending: ReturnType<typeof setTimeout> | undefined;

  const rebuild = (): void => {
    pending = undefined;
    const { core } = options;
    const template = buildTrayMenu({
      upcoming: core.recalls.upcoming(UPCOMING),
      sessionTitle: (id) => core.store.getSession(id)?.title,
      now: Date.now(),
      timeZone: options.timeZone(),
      actions: {
        openNavi: options.openNavi,
        openSession: options.openSession,
        pauseAll: () => core.recalls.pauseAll(),
        quit: options.quit,
      },
    });
    tray.setContextMenu(Menu.buildFromTemplate(template));
  };
  const soon = (): void => {
    pending ??= setTimeout(rebuild, 300);
  };

  rebuild();
  disposables.add(
    options.core.bus.subscribe((event) => {
      if (event.type.startsWith('recall-') || event.type.startsWith('session-')) soon();
    }),
  );
  const minute = setInterval(rebuild, 60_000);
  disposables.add({
    dispose: () => {
      clearInterval(minute);
      if (pending) clearTimeout(pending);
      tray.destroy();
    },
  });
  return disposables;
}
