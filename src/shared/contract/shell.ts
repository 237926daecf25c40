import { z } from 'zod';
import { defineService, method } from '../rpc/service';

/** Preferences that belong to the shell around the core (desktop app or browser host). */
export const ShellPrefs = z.object({
  /** Closing the last window keeps Navi running in the tray so recalls keep firing. */
  runInBackground: z.boolean(),
  launchAtLogin: z.boolean(),
  /** Show a notification when a recall fires or fails. */
  notifications: z.boolean(),
  /** Opt-in: while recalls are pending and Navi is closed, the OS starts it in the tray shortly before the next one. */
  wakeForRecalls: z.boolean(),
  /** Linux without a keyring: save API keys anyway, knowing they are only obfuscated on disk. */
  saveKeysWithoutKeyring: z.boolean(),
});
export type ShellPrefs = z.infer<typeof ShellPrefs>;

export const ShellState = z.object({
  prefs: ShellPrefs,
  /** Which prefs this shell can honour (the browser host has no tray, login items or OS wake-ups). */
  supports: z.object({
    runInBackground: z.boolean(),
    launchAtLogin: z.boolean(),
    wakeForRecalls: z.boolean(),
    /** Desktop: an export is saved where the person picks in the system's save dialog (the browser downloads it). */
    saveDialog: z.boolean().optional(),
  }),
  /** Desktop only: how API keys are protected on this machine, in words. */
  keyStore: z.object({ kind: z.enum(['keyring', 'obfuscated', 'none']), message: z.string() }).optional(),
  /** Desktop only: what the background wake-up is doing, in words ("Navi will start at 8:58 tomorrow"). */
  wake: z
    .object({ state: z.enum(['off', 'idle', 'scheduled', 'unavailable', 'failed']), message: z.string() })
    .optional(),
});
export type ShellState = z.infer<typeof ShellState>;

/** The theme a person chose in Settings → Appearance ("system": follow the OS). */
export const ThemeChoice = z.enum(['system', 'light', 'dark']);
export type ThemeChoice = z.infer<typeof ThemeChoice>;

/** A prepared export (exports.conversation / exports.archive) and the name to save it as. */
const ExportToSave = z.object({ exportId: z.string().min(1).max(100), fileName: z.string().min(1).max(300) });

export const shellService = defineService('shell', {
  get: method({ input: z.undefined(), output: ShellState }),
  update: method({ input: ShellPrefs.partial(), output: ShellState }),
  /**
   * Desktop: the system's parts of Navi's windows (scroll bars, menus, dialogs, the title bar) take
   * the theme the page chose; `applied: false` where the shell has none (the browser).
   */
  applyTheme: method({ input: z.object({ theme: ThemeChoice }), output: z.object({ applied: z.boolean() }) }),
  /**
   * Desktop only: asks where to save a prepared export (the system's save dialog, in the Downloads
   * folder by default) and writes it there; `saved: false` when the person cancelled.
   */
  saveExport: method({ input: ExportToSave, output: z.object({ saved: z.boolean(), path: z.string().optional() }) }),
  /**
   * Browser only: a one-time address the browser downloads a prepared export from, streamed to
   * disk by the browser (never held in the page); the export is released once it is sent.
   */
  downloadExport: method({ input: ExportToSave, output: z.object({ url: z.string() }) }),
});
