import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Sources that end up in the renderer and preload bundles; newer than the build means it must be rebuilt. */
const RENDERER_INPUTS = ['src/renderer', 'src/preload', 'src/shared', 'electron.vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function rendererBuildIsCurrent(projectRoot: string, rendererDir: string): boolean {
  const index = join(rendererDir, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return RENDERER_INPUTS.every((input) => newestMtime(join(projectRoot, input)) <= built);
}

/** Builds the app with electron-vite when the renderer output is missing or older than its sources. */
export function ensureRendererBuild(projectRoot: string, rendererDir: string, log: (line: string) => void): void {
  if (rendererBuildIsCurrent(projectRoot, rendererDir)) return;
  log('Building the Navi interface (first start or sources changed)…');
  const result = spawnSync(
    process.execPath,
    [join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new Error(`Building the interface failed:\n${result.stdout}\n${result.stderr}`);
  }
}
