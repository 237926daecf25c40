/** How the OS starts Navi for a recall: the program and its arguments (ending in the background flag). */
export interface LaunchCommand {
  readonly executable: string;
  readonly args: readonly string[];
}

/** Starts Navi with no window, in the tray only (the OS wake-up and the login item use it). */
export const BACKGROUND_FLAG = '--background';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a system command (launchctl, schtasks, systemctl); tests pass a recording one. */
export type CommandRunner = (command: string, args: readonly string[]) => Promise<CommandResult>;

/** Writes and removes the files a wake-up needs (plist, task XML, systemd units). */
export interface WakeFiles {
  write(path: string, contents: string | Uint8Array): Promise<void>;
  remove(path: string): Promise<void>;
}

/** One platform's way to have the OS start Navi at a time. */
export interface WakeBackend {
  /** Undefined when this machine can do it; otherwise why not, in words. */
  unavailableReason(): Promise<string | undefined>;
  /** Replaces any earlier registration with one for `at` (ms since the epoch). */
  register(at: number): Promise<void>;
  /** Removes the registration; fine when there is none. */
  remove(): Promise<void>;
}

/** A command that must succeed; its stderr becomes the error a person reads. */
export async function mustRun(run: CommandRunner, command: string, args: readonly string[]): Promise<string> {
  const result = await run(command, args);
  if (result.code !== 0) {
    const reason = (result.stderr || result.stdout).trim().split('\n')[0] || `exit code ${result.code}`;
    throw new Error(`${command} ${args.join(' ')} failed: ${reason}`);
  }
  return result.stdout;
}

export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The wall-clock fields of `at` in `timeZone`: what launchd, Task Scheduler and systemd read. */
export function localTime(at: number, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** "2026-11-24T09:58:00" (no zone: the machine's local time). */
export function localIso(time: LocalTime): string {
  return `${time.year}-${pad(time.month)}-${pad(time.day)}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`;
}
