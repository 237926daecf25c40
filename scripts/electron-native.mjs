// Builds better-sqlite3 for Electron's runtime beside the Node build that tests and the browser host
// use, so nobody has to rebuild native modules by hand when switching between them. The Electron
// main process loads this copy through better-sqlite3's `nativeBinding` option (NAVI_SQLITE_BINDING).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function electronSqliteBinding(root, electronVersion) {
  return join(
    root,
    'node_modules',
    '.navi-electron',
    `better_sqlite3-electron-${electronVersion}-${process.platform}-${process.arch}.node`,
  );
}

function run(command, args, cwd) {
  // The user's npm may pin node-gyp to Node's headers (nodedir); Electron's headers are needed here.
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];
  return spawnSync(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

/** Returns the path of an Electron build of better-sqlite3, making it on first use. */
export function ensureElectronSqlite(root, electronVersion, log) {
  const target = electronSqliteBinding(root, electronVersion);
  if (existsSync(target)) return target;
  log(`Preparing the database module for Electron ${electronVersion} (once)…`);
  const source = join(root, 'node_modules', 'better-sqlite3');
  const work = mkdtempSync(join(tmpdir(), 'navi-sqlite-electron-'));
  try {
    cpSync(source, work, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
    const prebuilt = run(
      process.execPath,
      [
        join(root, 'node_modules', 'prebuild-install', 'bin.js'),
        '--runtime',
        'electron',
        '--target',
        electronVersion,
        '--arch',
        process.arch,
      ],
      work,
    );
    if (prebuilt.status !== 0) {
      const gyp = process.env.npm_config_node_gyp;
      const args = [
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        '--dist-url=https://electronjs.org/headers',
      ];
      const built = gyp
        ? run(process.execPath, [gyp, ...args], work)
        : run('npx', ['--yes', 'node-gyp', ...args], work);
      if (built.status !== 0) {
        throw new Error(
          `could not build better-sqlite3 for Electron ${electronVersion}:\n${built.stderr || built.stdout}`,
        );
      }
    }
    mkdirSync(join(root, 'node_modules', '.navi-electron'), { recursive: true });
    copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function electronVersion(root) {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}
