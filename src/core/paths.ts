import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Navi';
export const DATABASE_FILE_NAME = 'navi.db';

/**
 * The per-user data directory, the same one Electron's `app.getPath('userData')` gives Navi,
 * so the desktop app and the browser host share one database by default.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.NAVI_DATA_DIR) return env.NAVI_DATA_DIR;
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', APP_NAME);
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
  }
}

export function databaseFile(dataDir: string): string {
  return join(dataDir, DATABASE_FILE_NAME);
}
