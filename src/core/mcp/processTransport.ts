import spawn from 'cross-spawn';
import type { ChildProcess } from 'node:child_process';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { systemClock, type Clock } from '../ports';
import { terminateProcessTree } from './terminateProcess';

export interface ProcessTransportOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** The complete environment of the child (see childEnvironment). */
  readonly env: Readonly<Record<string, string>>;
  /** Every chunk the server writes to stderr. */
  readonly onStderr?: (text: string) => void;
  /** How long a server may take to exit after its stdin closes, and again after SIGTERM, before it is killed. */
  readonly graceMs?: number;
  /** Real time for the grace periods (processes live in real time, whatever clock the manager uses). */
  readonly timers?: Clock;
}

/** How the child ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export const DEFAULT_GRACE_MS = 2_000;

/**
 * MCP over a child's stdin/stdout, like the SDK's StdioClientTransport, but the child leads its own
 * process group so shutdown reaches everything it started (an `npx` wrapper and the real server),
 * the exit code is kept for error messages, and shutdown follows the spec: close stdin, then
 * SIGTERM, then SIGKILL, each after a grace period.
 */
export class ProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private child: ChildProcess | undefined;
  private readonly readBuffer = new ReadBuffer();
  private exitInfo: ProcessExit | undefined;
  private exitedByItself = false;
  private exited: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: ProcessTransportOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** How the child ended, if it ended by itself (crashed, quit) rather than because close() ended it. */
  get exit(): ProcessExit | undefined {
    return this.exitedByItself ? this.exitInfo : undefined;
  }

  start(): Promise<void> {
    if (this.child) throw new Error('The server process was already started');
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.command, [...this.options.args], {
        cwd: this.options.cwd,
        env: { ...this.options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        // Its own process group (POSIX), so terminating it reaches its children too.
        detached: process.platform !== 'win32',
        windowsHide: true,
        shell: false,
      });
      this.child = child;
      let markExited!: () => void;
      this.exited = new Promise((done) => (markExited = done));
      child.once('spawn', () => resolve());
      child.on('error', (error) => {
        if (child.pid !== undefined) {
          this.onerror?.(error);
          return;
        }
        // It never started (command not found …): no 'exit' follows, so settle here.
        this.exitInfo ??= { code: null, signal: null };
        markExited();
        reject(error);
      });
      child.once('exit', (code, signal) => {
        this.exitedByItself = this.closing === undefined;
        this.exitInfo ??= { code, signal };
        markExited();
        // Whatever it started must not outlive it.
        if (child.pid !== undefined) terminateProcessTree(child.pid, 'SIGTERM');
        this.onclose?.();
      });
      child.stdin?.on('error', (error) => {
        // Writing to a server that just died: its exit reports that.
        if ((error as NodeJS.ErrnoException).code !== 'EPIPE') this.onerror?.(error);
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        this.readBuffer.append(chunk);
        this.drainMessages();
      });
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (text: string) => this.options.onStderr?.(text));
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child?.stdin;
      if (!stdin || this.exitInfo || !stdin.writable) {
        reject(new Error('The server process is not running'));
        return;
      }
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', resolve);
    });
  }

  /** Ends the child (and its group) and resolves once it has exited. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.terminate();
    return this.closing;
  }

  /** SIGKILLs the child's group at once, synchronously: the last resort when the app is exiting. */
  killNow(): void {
    const pid = this.child?.pid;
    if (pid !== undefined && !this.exitInfo) terminateProcessTree(pid, 'SIGKILL');
  }

  private async terminate(): Promise<void> {
    const child = this.child;
    const exited = this.exited;
    if (!child || !exited || child.pid === undefined) return;
    const pid = child.pid;
    const grace = this.options.graceMs ?? DEFAULT_GRACE_MS;
    try {
      child.stdin?.end();
    } catch {
      // Already closed.
    }
    if (!this.exitInfo && !(await this.waitFor(exited, grace))) {
      terminateProcessTree(pid, 'SIGTERM');
      if (!(await this.waitFor(exited, grace))) {
        terminateProcessTree(pid, 'SIGKILL');
        await exited;
      }
    }
    this.readBuffer.clear();
  }

  /** True when `promise` settled within `ms`. */
  private waitFor(promise: Promise<void>, ms: number): Promise<boolean> {
    const timers = this.options.timers ?? systemClock;
    return new Promise((resolve) => {
      const timer = timers.setTimeout(() => resolve(false), ms);
      void promise.then(() => {
        timers.clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private drainMessages(): void {
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.readBuffer.readMessage();
      } catch (error) {
        // A line that is not JSON-RPC (a stray console.log): report it and carry on.
        this.onerror?.(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }
}
