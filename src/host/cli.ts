import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../core/core';
import { DataDirInUseError } from '../core/ownership/dataDirInUseError';
import { defaultDataDir } from '../core/paths';
import { consoleLogger } from '../core/ports';
import { ensureRendererBuild } from './rendererBuild';
import { defaultRendererDir, startHost } from './server';

const USAGE = `Usage: npm run serve -- [--port N] [--data-dir DIR]

  --port N        port on 127.0.0.1 (default 0: any free port)
  --data-dir DIR  where Navi keeps its database (default: the desktop app's, or $NAVI_DATA_DIR)

  One Navi owns a data directory. If a browser host already serves it, this prints that address
  and exits; if the desktop app owns it, this says so and exits with status 1.

  The access token is random on every start unless NAVI_TOKEN is set (at least 32 characters),
  which keeps open pages working across restarts.`;

async function main(): Promise<void> {
  const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port ?? process.env.NAVI_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not '${values.port}'`);
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };

  const token = process.env.NAVI_TOKEN;
  if (token !== undefined && token.length < 32) throw new Error('NAVI_TOKEN must be at least 32 characters long');

  const rendererDir = defaultRendererDir(projectRoot);
  ensureRendererBuild(projectRoot, rendererDir, (line) => console.error(line));

  let core: Core;
  try {
    core = createCore({ dataDir, version, shell: 'browser', logger: consoleLogger });
  } catch (error) {
    // Another browser host already serves this directory: send the person there instead of failing.
    const owner = error instanceof DataDirInUseError ? error.owner : undefined;
    if (owner?.url === undefined) throw error;
    console.log(`Navi is already running for ${dataDir} at ${owner.url}`);
    return;
  }
  const host = await startHost({ services: core.services, rendererDir, logger: core.logger, port, token }).catch(
    async (error: unknown) => {
      await core.close();
      throw error;
    },
  );
  core.dataDirLock.announce(host.url);
  console.log(`Navi is running at ${host.url}`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Navi could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
