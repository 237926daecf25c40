import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createLaunchAgentBackend } from './launchAgent';
import { createScheduledTaskBackend } from './scheduledTask';
import { createSystemdTimerBackend } from './systemdTimer';
import type { CommandRunner, LaunchCommand, WakeBackend, WakeFiles } from './wakePlan';

/** Runs a system command without a shell, bounded in time and output. */
export const systemRunner: CommandRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(
      command,
      [...args],
      { timeout: 15_000, maxBuffer: 256 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr || (error && code !== 0 ? error.message : '')) });
      },
    );
  });

export const systemFiles: WakeFiles = {
  write: async (path, contents) => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, contents);
  },
  remove: (path) => rm(path, { force: true }),
};

export interface SystemWakeOptions {
  readonly platform: NodeJS.Platform;
  readonly launch: LaunchCommand;
  readonly dataDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly timeZone: () => string;
  readonly home?: string;
  readonly uid?: number;
  readonly run?: CommandRunner;
  readonly files?: WakeFiles;
}

/** The platform's wake-up: LaunchAgent (macOS), Task Scheduler (Windows), systemd user timer (Linux). */
export function createSystemWake(options: SystemWakeOptions): WakeBackend | undefined {
  const run = options.run ?? systemRunner;
  const files = options.files ?? systemFiles;
  const home = options.home ?? homedir();
  const common = { launch: options.launch, timeZone: options.timeZone, run, files };
  switch (options.platform) {
    case 'darwin':
      return createLaunchAgentBackend({ ...common, home, uid: options.uid ?? process.getuid?.() ?? 501 });
    case 'win32':
      return createScheduledTaskBackend({ ...common, dataDir: options.dataDir });
    case 'linux':
      return createSystemdTimerBackend({
        ...common,
        configHome: options.env.XDG_CONFIG_HOME || join(home, '.config'),
        env: options.env,
      });
    default:
      return undefined;
  }
}
