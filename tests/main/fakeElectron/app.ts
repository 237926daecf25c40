import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import type { AppLike, PreventableEvent } from '../../../src/main/electronApi';

/** A preventable event, as Electron passes to `before-quit`, `will-quit` and `close`. */
export function preventableEvent(): PreventableEvent & { readonly defaultPrevented: boolean } {
  let prevented = false;
  return {
    preventDefault: () => void (prevented = true),
    get defaultPrevented() {
      return prevented;
    },
  };
}

/**
 * What several app instances share on one machine: the single-instance lock. Asking for a held
 * lock tells the holder (`second-instance` with the newcomer's argv), as Electron does.
 */
export class FakeMachine {
  /** Electron keys the lock to the userData folder. */
  private readonly holders = new Map<string, FakeApp>();

  acquire(app: FakeApp): boolean {
    const key = app.getPath('userData');
    const holder = this.holders.get(key);
    if (holder && holder !== app && holder.state === 'running') {
      holder.emit('second-instance', {}, [...app.argv], '/');
      return false;
    }
    this.holders.set(key, app);
    return true;
  }

  release(app: FakeApp): void {
    for (const [key, holder] of this.holders) if (holder === app) this.holders.delete(key);
  }

  /** Who holds the lock (of the one folder in use, or of `userData`). */
  lockHolder(userData?: string): FakeApp | undefined {
    return userData ? this.holders.get(userData) : [...this.holders.values()][0];
  }
}

export interface FakeAppOptions {
  readonly machine: FakeMachine;
  readonly argv: readonly string[];
  readonly userData: string;
  readonly appPath: string;
  readonly exePath: string;
  readonly isPackaged?: boolean;
  /** Closes every window the way `app.quit` does; false when one refused to close. */
  readonly closeAllWindows: () => boolean;
  readonly destroyAllWindows: () => void;
}

/** Electron's `app`: lifecycle events in Electron's order, the single-instance lock, recorded calls. */
export class FakeApp extends EventEmitter implements AppLike {
  readonly isPackaged: boolean;
  readonly argv: readonly string[];
  state: 'running' | 'exited' = 'running';
  exitCode: number | undefined;
  quitting = false;
  readonly loginItemSettings: { openAtLogin: boolean; args?: string[] }[] = [];
  /** Resolves with the exit code once the process would have ended. */
  readonly exited: Promise<number>;
  private resolveExited!: (code: number) => void;
  private userData: string;

  constructor(private readonly options: FakeAppOptions) {
    super();
    this.isPackaged = options.isPackaged ?? false;
    this.argv = options.argv;
    this.userData = options.userData;
    this.exited = new Promise((resolve) => (this.resolveExited = resolve));
  }

  requestSingleInstanceLock(): boolean {
    return this.options.machine.acquire(this);
  }

  releaseSingleInstanceLock(): void {
    this.options.machine.release(this);
  }

  /** Whether 'ready' has come (what Electron allows before and after it differs). */
  ready = false;

  whenReady(): Promise<void> {
    return new Promise((resolve) =>
      setImmediate(() => {
        this.ready = true;
        resolve();
      }),
    );
  }

  /** Electron's order: before-quit, every window closes, will-quit (preventable), quit. */
  quit(): void {
    if (this.state !== 'running') return;
    const beforeQuit = preventableEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.quitting = true;
    if (!this.options.closeAllWindows()) {
      this.quitting = false;
      return;
    }
    const willQuit = preventableEvent();
    this.emit('will-quit', willQuit);
    if (!willQuit.defaultPrevented) this.finish(0);
  }

  /** Ends at once: windows are destroyed, no quit events. */
  exit(code = 0): void {
    if (this.state !== 'running') return;
    this.quitting = true;
    this.options.destroyAllWindows();
    this.finish(code);
  }

  private finish(code: number): void {
    this.state = 'exited';
    this.exitCode = code;
    this.options.machine.release(this);
    this.emit('quit', {}, code);
    this.resolveExited(code);
  }

  getPath(name: 'userData' | 'exe' | 'downloads'): string {
    if (name === 'downloads') return join(this.userData, 'Downloads');
    return name === 'userData' ? this.userData : this.options.exePath;
  }

  setPath(_name: 'userData', path: string): void {
    if (this.state !== 'running' || this.options.machine.lockHolder(this.userData) === this) {
      throw new Error('setPath(userData) after taking the single-instance lock has no effect on it');
    }
    this.userData = path;
  }

  getAppPath(): string {
    return this.options.appPath;
  }

  getVersion(): string {
    return '0.0.0-test';
  }

  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void {
    this.loginItemSettings.push(settings);
  }
}
