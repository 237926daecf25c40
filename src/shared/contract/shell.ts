import { z } from 'zod';
import { defineService, method } from '../rpc/service';

/** Preferences that belong to the shell around the core (desktop app or browser host). */
export const ShellPrefs = z.object({
  /** Closing the last window keeps Navi running in the tray so recalls keep firing. */
  runInBackground: z.boolean(),
  launchAtLogin: z.boolean(),
  /** Show a notification when a recall fires or fails. */
  notifications: z.boolean(),
});
export type ShellPrefs = z.infer<typeof ShellPrefs>;

export const ShellState = z.object({
  prefs: ShellPrefs,
  /** Which prefs this shell can honour (the browser host has no tray or login items). */
  supports: z.object({ runInBackground: z.boolean(), launchAtLogin: z.boolean() }),
});
export type ShellState = z.infer<typeof ShellState>;

export const shellService = defineService('shell', {
  get: method({ input: z.undefined(), output: ShellState }),
  update: method({ input: ShellPrefs.partial(), output: ShellState }),
});
