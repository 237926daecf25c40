import { z } from 'zod';
import { defineService, method } from '../rpc/service';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number().int(),
  /** Where this core runs: inside the desktop app or behind the browser host. */
  shell: z.enum(['desktop', 'browser']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appService = defineService('app', {
  info: method({ input: z.undefined(), output: AppInfo }),
});
