import { BRIDGE_KEY } from '../../../shared/contract/bridge';

/**
 * True in a browser tab on the browser host; false in the desktop app, whose main process shows
 * recall notifications itself (the preload's bridge is there).
 */
export const isBrowserHost: boolean = typeof window !== 'undefined' && !(BRIDGE_KEY in window);

/** The browser can show notifications from this page at all (secure context, API present). */
export const notificationsSupported: boolean =
  isBrowserHost && typeof Notification !== 'undefined' && window.isSecureContext;
