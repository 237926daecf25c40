// `npm start` (and `npm run dev`): launches the desktop app. Where no Electron binary exists and none
// can be downloaded (a machine without internet), it says so in one line and points at the browser host.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion, ensureElectronSqlite } from './electron-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const dev = process.argv.includes('--dev');

function electronBinary() {
  try {
    const binary = join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist'),
      readFileSync(join(electronDir, 'path.txt'), 'utf8'),
    );
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** Offline it fails within a second, silently; a real download says what it is doing. */
function downloadElectron() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore' });
    const notice = setTimeout(() => console.error('Downloading Electron (first start)…'), 2000);
    child.on('exit', () => {
      clearTimeout(notice);
      resolve();
    });
    child.on('error', () => {
      clearTimeout(notice);
      resolve();
    });
  });
}

function unavailable(reason) {
  console.error(`Navi: ${reason}; run \`npm run serve\` to use Navi in your browser instead.`);
  process.exit(1);
}

if (!existsSync(electronDir)) unavailable('the electron package is not installed (run `npm install`)');

// Electron downloads its binary on first use rather than at install, so installs never fail offline.
if (!electronBinary()) await downloadElectron();
if (!electronBinary()) unavailable('the Electron binary is not installed and could not be downloaded on this machine');

let binding;
try {
  binding = ensureElectronSqlite(root, electronVersion(root), (line) => console.error(line));
} catch (error) {
  unavailable(`the database module could not be prepared for Electron (${error.message.split('\n')[0]})`);
}

const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const child = spawn(
  process.execPath,
  [cli, dev ? 'dev' : 'preview', ...process.argv.slice(2).filter((a) => a !== '--dev')],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NAVI_SQLITE_BINDING: binding },
  },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
