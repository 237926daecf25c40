import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latestVersion } from '../../src/core/db/migrate';
import { migrations } from '../../src/core/db/migrations';
import { databaseFile } from '../../src/core/paths';
import { now } from '../lib/timing';
import { FULL_SHAPE, generateDataset, type DatasetManifest, type DatasetShape } from './generate';

/** Bump when the generator's output changes, so cached data sets are made again. */
const GENERATOR_VERSION = 2;

export interface Dataset {
  /** A Navi data directory holding the generated navi.db. */
  readonly dataDir: string;
  readonly manifest: DatasetManifest;
}

/**
 * The shape to generate: the full 10,000 conversations / 1,000,000 messages, or a fraction of it
 * with NAVI_BENCH_DATASET_SCALE (0.01 for a quick look; the 5,000-message conversations stay).
 */
export function datasetShape(): DatasetShape {
  const scale = Number(process.env.NAVI_BENCH_DATASET_SCALE ?? 1);
  if (!(scale > 0 && scale <= 1)) throw new Error('NAVI_BENCH_DATASET_SCALE must be in (0, 1]');
  return {
    conversations: Math.round(FULL_SHAPE.conversations * scale),
    messages: Math.round(FULL_SHAPE.messages * scale),
    large: Math.max(1, Math.round(FULL_SHAPE.large * scale)),
  };
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The generated data set, made once and kept under the OS temp directory (generating a million
 * messages takes minutes); made again when the generator or Navi's schema changes. The benchmarks
 * open it as Navi would: they read, and anything they write (a reply, the owner file) is small.
 */
export function ensureDataset(log: (line: string) => void, shape: DatasetShape = datasetShape()): Dataset {
  const key = `v${GENERATOR_VERSION}-${shape.conversations}c-${shape.messages}m-schema${latestVersion(migrations)}`;
  const root = join(tmpdir(), 'navi-bench-datasets');
  const dataDir = join(root, key);
  const manifestFile = join(dataDir, 'dataset.json');
  if (existsSync(manifestFile)) {
    return { dataDir, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) as DatasetManifest };
  }
  // Each run builds in a directory of its own: two benches started at once must not share one.
  // What a killed run left (its process is gone) is a gigabyte of nothing: removed.
  const prefix = `${key}.building-`;
  for (const entry of existsSync(root) ? readdirSync(root) : []) {
    if (entry.startsWith(prefix) && !isRunning(Number(entry.slice(prefix.length)))) {
      rmSync(join(root, entry), { recursive: true, force: true });
    }
  }
  const building = join(root, `${prefix}${process.pid}`);
  mkdirSync(building, { recursive: true });
  log(
    `  generating ${shape.conversations.toLocaleString('en-US')} conversations / ${shape.messages.toLocaleString('en-US')} messages into ${dataDir} (once)…`,
  );
  const started = now();
  const manifest = generateDataset(databaseFile(building), shape, Date.now(), log);
  writeFileSync(join(building, 'dataset.json'), `${JSON.stringify(manifest)}\n`);
  if (existsSync(manifestFile)) {
    // Another run finished first: use its copy (the benches may already have it open).
    rmSync(building, { recursive: true, force: true });
    return { dataDir, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) as DatasetManifest };
  }
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(building, dataDir);
  log(`  generated in ${((now() - started) / 1000).toFixed(0)} s`);
  return { dataDir, manifest };
}
