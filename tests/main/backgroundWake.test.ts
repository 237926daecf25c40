import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemFiles } from '../../src/main/wake/systemWake';
import type { CommandRunner } from '../../src/main/wake/wakePlan';
import { reply } from '../fixtures';
import { useTempDirs } from '../helpers/tempDir';
import { eventually, useDesktop, useProvider } from './desktopHarness';
import { FakeMachine } from './fakeElectron';

const provider = useProvider();
const launch = useDesktop();
const tempDir = useTempDirs();
const MINUTE = 60_000;

/** The OS side, recorded: commands are never really run, unit files go to a temporary home. */
function recordedSystem() {
  const home = tempDir();
  const commands: string[] = [];
  const run: CommandRunner = async (command, args) => {
    commands.push([command, ...args].join(' '));
    return { code: 0, stdout: '', stderr: '' };
  };
  const timer = join(home, '.config', 'systemd', 'user', 'navi-wake.timer');
  return { options: { wake: { run, files: systemFiles, home } }, commands, timer, home };
}

describe('starting Navi for recalls while it is closed (opt-in)', () => {
  it('registers a systemd timer for the next recall, follows changes, and removes it when nothing is pending or it is off', async () => {
    const system = recordedSystem();
    const desktop = await launch({ options: system.options });
    const api = desktop.mainClient().api;
    expect(system.commands).toEqual([]); // off by default: nothing touches the system
    const session = await api.sessions.create({ title: 'Deploy watch' });
    const later = await api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: desktop.clock.now() + 60 * MINUTE },
      message: 'Check the deploy',
    });

    const on = await api.shell.update({ wakeForRecalls: true });
    expect(on.wake).toEqual({
      state: 'scheduled',
      message: 'Navi will start in the tray today at 1:59 PM, before the recall due today at 2:00 PM.',
    });
    expect(readFileSync(system.timer, 'utf8')).toContain('OnCalendar=2026-11-24 13:59:00');
    expect(system.commands.filter((line) => line.includes('restart'))).toEqual([
      'systemctl --user restart navi-wake.timer',
    ]);

    await api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: desktop.clock.now() + 20 * MINUTE },
      message: 'Check sooner',
    });
    desktop.clock.advance(2_000); // changes settle
    await eventually(
      () => readFileSync(system.timer, 'utf8').includes('OnCalendar=2026-11-24 13:19:00'),
      'the timer to move',
    );

    await api.recalls.pause({ id: later.id });
    for (const recall of await api.recalls.list()) await api.recalls.delete({ id: recall.id });
    desktop.clock.advance(2_000);
    await eventually(async () => (await api.shell.get()).wake?.state === 'idle', 'nothing to be scheduled');
    expect(existsSync(system.timer)).toBe(false);
    expect((await api.shell.get()).wake?.message).toBe('No recall is pending, so nothing is scheduled.');

    await api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: desktop.clock.now() + 30 * MINUTE },
      message: 'Again',
    });
    desktop.clock.advance(2_000);
    await eventually(() => existsSync(system.timer), 'a new timer');
    const off = await api.shell.update({ wakeForRecalls: false });
    expect(off.wake?.state).toBe('off');
    expect(existsSync(system.timer)).toBe(false);
    expect(system.commands.at(-2)).toBe('systemctl --user disable --now navi-wake.timer');
  });

  it('says so in Settings when there is no systemd user session', async () => {
    const system = recordedSystem();
    const run: CommandRunner = async (command, args) => ({
      code: args.includes('show-environment') ? 1 : 0,
      stdout: '',
      stderr: 'Failed to connect to bus: No medium found',
    });
    const desktop = await launch({ options: { wake: { ...system.options.wake, run } } });
    const state = await desktop.mainClient().api.shell.update({ wakeForRecalls: true });
    expect(state.wake).toEqual({ state: 'unavailable', message: expect.stringMatching(/no systemd user manager/) });
  });

  it('started with --background: no window opens, due recalls fire into the tray, and the next wake-up follows', async () => {
    const fixture = await provider();
    fixture.setDefaultReply(reply.text('The deploy finished.'));
    const system = recordedSystem();
    const first = await launch({ provider: fixture, options: system.options });
    const api = first.mainClient().api;
    await api.shell.update({ wakeForRecalls: true });
    const session = await api.sessions.create({ title: 'Deploy watch' });
    await api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: first.clock.now() + 30 * MINUTE },
      message: 'Did the deploy finish?',
    });
    first.clock.advance(2_000);
    await eventually(() => existsSync(system.timer), 'the wake-up');
    expect(await first.quit()).toBe(0);
    expect(existsSync(system.timer)).toBe(true); // quitting keeps it: that is the point

    // The system starts Navi a minute early, with the flag the timer's service passes.
    const service = readFileSync(join(system.home, '.config', 'systemd', 'user', 'navi-wake.service'), 'utf8');
    const flag = /ExecStart=.* (--background)\n/.exec(service)?.[1];
    expect(flag).toBe('--background');
    first.clock.advance(29 * MINUTE);
    const woken = await launch({
      dataDir: first.dataDir,
      provider: fixture,
      clock: first.clock,
      argv: ['/opt/Navi/navi', flag!],
      options: system.options,
    });
    expect(woken.electron.allWindowsEver()).toEqual([]);
    expect(woken.electron.trays).toHaveLength(1);

    woken.clock.advance(MINUTE);
    const notification = await eventually(() => woken.electron.notifications[0], 'the recall notification', {
      clock: woken.clock,
    });
    expect(notification.options).toMatchObject({ title: 'Recall · Deploy watch', body: 'The deploy finished.' });
    expect(woken.electron.allWindowsEver()).toEqual([]);
    expect(woken.electron.app.state).toBe('running');
    // Nothing else is pending: the wake-up is gone.
    await eventually(() => !existsSync(system.timer), 'the wake-up to be removed', { clock: woken.clock });

    // A click on the notification is what opens a window.
    notification.click();
    expect(woken.electron.windows()).toHaveLength(1);
  });

  it('a wake-up while Navi already runs neither focuses nor opens a window', async () => {
    const machine = new FakeMachine();
    const running = await launch({ machine });
    running.electron.windows()[0]!.close();
    const second = await launch({ machine, dataDir: running.dataDir, argv: ['/opt/Navi/navi', '--background'] });
    expect(await second.electron.app.exited).toBe(0);
    expect(running.electron.windows()).toEqual([]);
  });
});
