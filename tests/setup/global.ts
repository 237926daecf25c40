import { resolve } from 'node:path';
import { ensureRendererBuild } from '../../src/host/rendererBuild';
import { defaultRendererDir } from '../../src/host/server';

/** Browser tests serve the built renderer; build it once, before any test runs, when it is stale. */
export default function setup(): void {
  const root = resolve(__dirname, '..', '..');
  ensureRendererBuild(root, defaultRendererDir(root), (line) => console.log(line));
}
