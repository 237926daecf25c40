import { join } from 'node:path';
import {
  localTime,
  mustRun,
  type CommandRunner,
  type LaunchCommand,
  type WakeBackend,
  type WakeFiles,
} from './wakePlan';

export const SYSTEMD_UNIT = 'navi-wake';

/** One ExecStart word: quoted when needed, with systemd's specifiers (%) and variables ($) escaped. */
export function systemdWord(word: string): string {
  const escaped = word.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$');
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? escaped : `"${escaped}"`;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** The service that starts Navi in the tray, and the timer that triggers it once at `at` (local time). */
export function systemdUnits(launch: LaunchCommand, at: number, timeZone: string): { service: string; timer: string } {
  const time = localTime(at, timeZone);
  const calendar = `${time.year}-${pad(time.month)}-${pad(time.day)} ${pad(time.hour)}:${pad(time.minute)}:00`;
  const exec = [launch.executable, ...launch.args].map(systemdWord).join(' ');
  return {
    service: `[Unit]
Description=Start Navi in the tray for a recall

[Service]
Type=exec
ExecStart=${exec}
`,
    timer: `[Unit]
Description=Start Navi shortly before its next recall (updated by Navi)

[Timer]
OnCalendar=${calendar}
AccuracySec=1s
Persistent=true
Unit=${SYSTEMD_UNIT}.service

[Install]
WantedBy=timers.target
`,
  };
}

/** What the desktop session's environment must give the service so Navi can show its tray icon. */
const SESSION_VARIABLES = ['DISPLAY', 'WAYLAND_DISPLAY', 'XAUTHORITY', 'DBUS_SESSION_BUS_ADDRESS'];

export interface SystemdTimerOptions {
  readonly launch: LaunchCommand;
  /** $XDG_CONFIG_HOME or ~/.config. */
  readonly configHome: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly timeZone: () => string;
  readonly run: CommandRunner;
  readonly files: WakeFiles;
}

export const NO_SYSTEMD_USER_SESSION =
  'This session has no systemd user manager, so the system cannot start Navi for a recall while it is closed. Keep Navi running in the tray (Run in background) instead.';

/** Linux: a systemd user timer and service in ~/.config/systemd/user. */
export function createSystemdTimerBackend(options: SystemdTimerOptions): WakeBackend {
  const dir = join(options.configHome, 'systemd', 'user');
  const service = join(dir, `${SYSTEMD_UNIT}.service`);
  const timer = join(dir, `${SYSTEMD_UNIT}.timer`);
  const systemctl = (...args: string[]) => mustRun(options.run, 'systemctl', ['--user', ...args]);
  return {
    unavailableReason: async () => {
      const probe = await options.run('systemctl', ['--user', 'show-environment']).catch(() => undefined);
      return probe?.code === 0 ? undefined : NO_SYSTEMD_USER_SESSION;
    },
    register: async (at) => {
      const units = systemdUnits(options.launch, at, options.timeZone());
      await options.files.write(service, units.service);
      await options.files.write(timer, units.timer);
      const session = SESSION_VARIABLES.filter((name) => options.env[name]);
      if (session.length > 0) await systemctl('import-environment', ...session);
      await systemctl('daemon-reload');
      await systemctl('enable', `${SYSTEMD_UNIT}.timer`);
      await systemctl('restart', `${SYSTEMD_UNIT}.timer`);
    },
    remove: async () => {
      // Fails when the timer was never installed; that is fine.
      await options.run('systemctl', ['--user', 'disable', '--now', `${SYSTEMD_UNIT}.timer`]);
      await options.files.remove(timer);
      await options.files.remove(service);
      await options.run('systemctl', ['--user', 'daemon-reload']);
    },
  };
}
