import { spawn } from 'node:child_process';

/**
 * Sends `signal` to a child started with `detached: true` and everything in its process group. On
 * Windows, where there are no process groups, `taskkill /T` ends the tree (forcefully for SIGKILL).
 * A group that is already gone is fine.
 */
export function terminateProcessTree(pid: number, signal: 'SIGTERM' | 'SIGKILL'): void {
  if (process.platform === 'win32') {
    const args = ['/pid', String(pid), '/T', ...(signal === 'SIGKILL' ? ['/F'] : [])];
    const killer = spawn('taskkill', args, { stdio: 'ignore', windowsHide: true });
    killer.on('error', () => {});
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the whole group has exited already.
  }
}
