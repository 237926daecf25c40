import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLaunchAgentBackend, LAUNCH_AGENT_LABEL, launchAgentPlist } from '../../../src/main/wake/launchAgent';
import {
  createScheduledTaskBackend,
  SCHEDULED_TASK_NAME,
  scheduledTaskXml,
  utf16WithBom,
  windowsArgument,
} from '../../../src/main/wake/scheduledTask';
import { systemFiles } from '../../../src/main/wake/systemWake';
import {
  createSystemdTimerBackend,
  NO_SYSTEMD_USER_SESSION,
  systemdUnits,
  systemdWord,
} from '../../../src/main/wake/systemdTimer';
import type { CommandRunner } from '../../../src/main/wake/wakePlan';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const systemdAnalyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((path) => existsSync(path));
if (!systemdAnalyze) console.info('systemd unit check skipped: no systemd-analyze on this machine.');
/** 08:59 UTC = 09:59 in Berlin (winter), 03:59 in New York. */
const AT = Date.parse('2026-11-24T08:59:00Z');

/** Parses XML strictly: any warning or error fails the test. */
function parseXml(text: string) {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) }).parseFromString(
    text,
    'text/xml',
  );
  expect(problems).toEqual([]);
  return doc;
}

const children = (element: XmlElement): XmlElement[] =>
  Array.from(element.childNodes as unknown as ArrayLike<XmlElement>).filter((node) => node.nodeType === 1);

/** A plist value as JSON (dict, array, string, integer, true/false). */
function plistValue(element: XmlElement): unknown {
  switch (element.tagName) {
    case 'dict': {
      const items = children(element);
      const result: Record<string, unknown> = {};
      for (let i = 0; i < items.length; i += 2) result[items[i]!.textContent!] = plistValue(items[i + 1]!);
      return result;
    }
    case 'array':
      return children(element).map(plistValue);
    case 'integer':
      return Number(element.textContent);
    case 'true':
    case 'false':
      return element.tagName === 'true';
    default:
      return element.textContent;
  }
}

/** Records commands; answers from `answers` by command line, 0 otherwise. */
function recordingRunner(answers: Record<string, number> = {}) {
  const commands: string[] = [];
  const run: CommandRunner = async (command, args) => {
    const line = [command, ...args].join(' ');
    commands.push(line);
    return { code: answers[line] ?? 0, stdout: '', stderr: answers[line] ? 'Failed to connect to bus' : '' };
  };
  return { run, commands };
}

describe('macOS LaunchAgent', () => {
  it('starts the app bundle through `open -g` once, at the local wall time', () => {
    const launch = { executable: '/Applications/Navi.app/Contents/MacOS/Navi', args: ['--background'] };
    const doc = parseXml(launchAgentPlist(launch, AT, 'Europe/Berlin'));
    const root = children(doc.documentElement as unknown as XmlElement)[0]!;
    expect(plistValue(root)).toEqual({
      Label: LAUNCH_AGENT_LABEL,
      ProgramArguments: ['/usr/bin/open', '-g', '-a', '/Applications/Navi.app', '--args', '--background'],
      StartCalendarInterval: { Month: 11, Day: 24, Hour: 9, Minute: 59 },
      RunAtLoad: false,
      ProcessType: 'Interactive',
    });
  });

  it('in development starts Electron.app with the app folder; escapes what XML needs', () => {
    const launch = {
      executable: '/Users/a&b/navi/node_modules/electron/dist/Electron.app/Contents/MacOS/Electron',
      args: ['/Users/a&b/navi', '--background'],
    };
    const doc = parseXml(launchAgentPlist(launch, AT, 'America/New_York'));
    const value = plistValue(children(doc.documentElement as unknown as XmlElement)[0]!) as Record<string, unknown>;
    expect(value.ProgramArguments).toEqual([
      '/usr/bin/open',
      '-g',
      '-a',
      '/Users/a&b/navi/node_modules/electron/dist/Electron.app',
      '--args',
      '/Users/a&b/navi',
      '--background',
    ]);
    expect(value.StartCalendarInterval).toEqual({ Month: 11, Day: 24, Hour: 3, Minute: 59 });
  });

  it('replaces the job in the GUI session: bootout, write, bootstrap; removing boots it out and deletes the file', async () => {
    const home = tempDir();
    const { run, commands } = recordingRunner();
    const backend = createLaunchAgentBackend({
      launch: { executable: '/Applications/Navi.app/Contents/MacOS/Navi', args: ['--background'] },
      home,
      uid: 501,
      timeZone: () => 'Europe/Berlin',
      run,
      files: systemFiles,
    });
    const plist = join(home, 'Library', 'LaunchAgents', `${LAUNCH_AGENT_LABEL}.plist`);
    expect(await backend.unavailableReason()).toBeUndefined();
    await backend.register(AT);
    expect(commands).toEqual([
      `launchctl bootout gui/501/${LAUNCH_AGENT_LABEL}`,
      `launchctl bootstrap gui/501 ${plist}`,
    ]);
    expect(readFileSync(plist, 'utf8')).toContain('<integer>59</integer>');
    await backend.remove();
    expect(commands.slice(2)).toEqual([`launchctl bootout gui/501/${LAUNCH_AGENT_LABEL}`]);
    expect(existsSync(plist)).toBe(false);
  });
});

describe('Windows Task Scheduler', () => {
  it("a one-time trigger at local time in the person's session, never stopped after 72 hours", () => {
    const launch = { executable: 'C:\\Program Files\\Navi\\Navi.exe', args: ['--background'] };
    const doc = parseXml(scheduledTaskXml(launch, AT, 'Europe/Berlin'));
    const text = (tag: string) => doc.getElementsByTagName(tag)[0]?.textContent;
    expect(text('StartBoundary')).toBe('2026-11-24T09:59:00');
    expect(text('LogonType')).toBe('InteractiveToken');
    expect(text('RunLevel')).toBe('LeastPrivilege');
    expect(text('ExecutionTimeLimit')).toBe('PT0S');
    expect(text('StartWhenAvailable')).toBe('true');
    expect(text('Command')).toBe('C:\\Program Files\\Navi\\Navi.exe');
    expect(text('Arguments')).toBe('--background');
  });

  it('quotes arguments as Windows splits them, and writes UTF-16 with a byte order mark', () => {
    expect(windowsArgument('--background')).toBe('--background');
    expect(windowsArgument('C:\\My Apps\\navi')).toBe('"C:\\My Apps\\navi"');
    expect(windowsArgument('C:\\dir with space\\')).toBe('"C:\\dir with space\\\\"');
    expect(windowsArgument('say "hi"')).toBe('"say \\"hi\\""');
    const bytes = utf16WithBom('<Task/>');
    expect([...bytes.slice(0, 4)]).toEqual([0xff, 0xfe, 0x3c, 0x00]);
  });

  it('creates the task from its XML file, replacing any earlier one; removing deletes it', async () => {
    const dataDir = tempDir();
    const { run, commands } = recordingRunner();
    const backend = createScheduledTaskBackend({
      launch: { executable: 'C:\\Navi\\Navi.exe', args: ['--background'] },
      dataDir,
      timeZone: () => 'Europe/Berlin',
      run,
      files: systemFiles,
    });
    const xml = join(dataDir, 'wake-task.xml');
    await backend.register(AT);
    expect(commands).toEqual([`schtasks /Create /TN ${SCHEDULED_TASK_NAME} /XML ${xml} /F`]);
    expect(readFileSync(xml).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    parseXml(readFileSync(xml).subarray(2).toString('utf16le'));
    await backend.remove();
    expect(commands[1]).toBe(`schtasks /Delete /TN ${SCHEDULED_TASK_NAME} /F`);
    expect(existsSync(xml)).toBe(false);
  });

  it('reports what schtasks said when it refuses', async () => {
    const backend = createScheduledTaskBackend({
      launch: { executable: 'C:\\Navi\\Navi.exe', args: [] },
      dataDir: tempDir(),
      timeZone: () => 'UTC',
      run: async () => ({ code: 1, stdout: '', stderr: 'ERROR: Access is denied.\r\n' }),
      files: systemFiles,
    });
    await expect(backend.register(AT)).rejects.toThrow(/failed: ERROR: Access is denied\./);
  });
});

describe('Linux systemd user timer', () => {
  it('a service that starts Navi in the tray and a persistent timer at the local time', () => {
    const units = systemdUnits(
      { executable: '/opt/Navi Apps/navi', args: ['--background', '50%'] },
      AT,
      'Europe/Berlin',
    );
    expect(units.service).toContain('ExecStart="/opt/Navi Apps/navi" --background 50%%\n');
    expect(units.timer).toContain('OnCalendar=2026-11-24 09:59:00\n');
    expect(units.timer).toContain('Persistent=true\n');
    expect(units.timer).toContain('Unit=navi-wake.service\n');
    expect(units.timer).toContain('WantedBy=timers.target\n');
    expect(systemdWord('$HOME/x')).toBe('"$$HOME/x"');
    expect(systemdWord('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('writes the units, passes the display on, reloads, enables and restarts the timer; removing undoes it', async () => {
    const configHome = tempDir();
    const { run, commands } = recordingRunner();
    const backend = createSystemdTimerBackend({
      launch: { executable: '/opt/Navi/navi', args: ['--background'] },
      configHome,
      env: { DISPLAY: ':0', WAYLAND_DISPLAY: undefined },
      timeZone: () => 'Europe/Berlin',
      run,
      files: systemFiles,
    });
    expect(await backend.unavailableReason()).toBeUndefined();
    await backend.register(AT);
    expect(commands).toEqual([
      'systemctl --user show-environment',
      'systemctl --user import-environment DISPLAY',
      'systemctl --user daemon-reload',
      'systemctl --user enable navi-wake.timer',
      'systemctl --user restart navi-wake.timer',
    ]);
    const dir = join(configHome, 'systemd', 'user');
    expect(readFileSync(join(dir, 'navi-wake.timer'), 'utf8')).toContain('OnCalendar=2026-11-24 09:59:00');
    await backend.remove();
    expect(commands.slice(5)).toEqual([
      'systemctl --user disable --now navi-wake.timer',
      'systemctl --user daemon-reload',
    ]);
    expect(existsSync(join(dir, 'navi-wake.timer'))).toBe(false);
    expect(existsSync(join(dir, 'navi-wake.service'))).toBe(false);
  });

  it.skipIf(!systemdAnalyze)('the units pass `systemd-analyze verify`', () => {
    const dir = tempDir();
    const units = systemdUnits({ executable: process.execPath, args: ['--background'] }, AT, 'Europe/Berlin');
    writeFileSync(join(dir, 'navi-wake.service'), units.service);
    writeFileSync(join(dir, 'navi-wake.timer'), units.timer);
    const result = spawnSync(
      systemdAnalyze!,
      ['verify', join(dir, 'navi-wake.timer'), join(dir, 'navi-wake.service')],
      {
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('says plainly when there is no systemd user session', async () => {
    const { run } = recordingRunner({ 'systemctl --user show-environment': 1 });
    const backend = createSystemdTimerBackend({
      launch: { executable: '/opt/Navi/navi', args: [] },
      configHome: tempDir(),
      env: {},
      timeZone: () => 'UTC',
      run,
      files: systemFiles,
    });
    expect(await backend.unavailableReason()).toBe(NO_SYSTEMD_USER_SESSION);
  });
});
