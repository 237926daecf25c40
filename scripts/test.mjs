// `npm test`: Chromium for the browser tests, then the static checks (lint, type checks, the layering
// check) and every test at the same time. The checks run at a low CPU priority (nice 10): the
// browser tests spend much of their time waiting on Chromium, the host or a stream, and the checks
// use that time instead of running first (a minute and a half on a 2-core machine), taking little
// from the tests when both want the CPU. Not the lowest: on a machine that other work keeps busy,
// nice 19 would leave them next to nothing, for as long as that work runs. Their output comes after
// the tests'; either failing fails the whole.
import { spawn, spawnSync } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const shell = process.platform === 'win32';

if (process.argv[2] === '--checks') {
  // A child of this script: everything it starts inherits its priority.
  setPriority(10);
  const checks = spawnSync(npm, ['run', 'checks'], { cwd: root, stdio: 'inherit', shell });
  process.exit(checks.status ?? 1);
}

const chromium = spawnSync(process.execPath, ['scripts/ensure-chromium.mjs'], { cwd: root, stdio: 'inherit' });
if (chromium.status !== 0) process.exit(chromium.status ?? 1);

/** Resolves with the exit status of `child`. */
const exited = (child) =>
  new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });

const checks = spawn(process.execPath, [fileURLToPath(import.meta.url), '--checks'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let checksOutput = '';
checks.stdout.on('data', (chunk) => (checksOutput += chunk));
checks.stderr.on('data', (chunk) => (checksOutput += chunk));
const checksDone = exited(checks);

const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const tests = spawn(process.execPath, [vitest, 'run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
const testsStatus = await exited(tests);
const checksStatus = await checksDone;

if (checksOutput.trim()) process.stdout.write(`\n${checksOutput.trimEnd()}\n`);
console.log(`\nLint, type checks and the layering check: ${checksStatus === 0 ? 'passed' : 'FAILED'}`);
process.exit(testsStatus !== 0 ? testsStatus : checksStatus);
