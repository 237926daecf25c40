/**
 * `npm run bench [-- --only <name>[,<name>...]]`: runs the benchmark modules, prints one table of
 * Navi against its naive baselines (ratios > 1 mean Navi is better) and writes the same rows to
 * bench/results/<ISO timestamp>.json. Add a module by appending it to MODULES.
 */
import { formatTable } from './lib/table';
import { writeResults } from './lib/results';
import { now } from './lib/timing';
import type { BenchModule, BenchRow } from './lib/types';
import { diskStallBenchmark } from './disk';
import { hostFuzzBenchmark } from './host';
import { recallSchedulerBenchmark } from './recalls';
import { recallCrashBenchmark } from './recalls/crash';
import { rendererStreamingBenchmark } from './renderer';
import { scaleBenchmarks } from './scale';
import { sessionBenchmarks } from './sessions';

const MODULES: readonly BenchModule[] = [
  ...sessionBenchmarks,
  diskStallBenchmark,
  recallSchedulerBenchmark,
  recallCrashBenchmark,
  rendererStreamingBenchmark,
  hostFuzzBenchmark,
  ...scaleBenchmarks,
];

function parseOnly(argv: readonly string[]): string[] | undefined {
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--only') {
      const value = argv[++i];
      if (!value) throw new Error('--only needs a benchmark name');
      names.push(...value.split(','));
    } else if (arg.startsWith('--only=')) names.push(...arg.slice('--only='.length).split(','));
    else if (arg === '--help' || arg === '-h') {
      console.log(`Usage: npm run bench [-- --only <name>[,<name>]]\n\nBenchmarks:`);
      for (const module of MODULES) console.log(`  ${module.name.padEnd(24)} ${module.description}`);
      process.exit(0);
    } else throw new Error(`Unknown argument ${arg} (try --help)`);
  }
  return names.length > 0 ? names.map((name) => name.trim()).filter(Boolean) : undefined;
}

/** `sessions` selects every `sessions/...` module; `sessions/catch-up` selects just that one. */
function select(only: readonly string[] | undefined): BenchModule[] {
  if (!only) return [...MODULES];
  const matches = (module: BenchModule, name: string): boolean =>
    module.name === name || module.name.startsWith(`${name}/`);
  const unknown = only.filter((name) => !MODULES.some((module) => matches(module, name)));
  if (unknown.length > 0) {
    throw new Error(
      `No benchmark named ${unknown.join(', ')}. Known: ${MODULES.map((module) => module.name).join(', ')}`,
    );
  }
  return MODULES.filter((module) => only.some((name) => matches(module, name)));
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const selected = select(parseOnly(process.argv.slice(2)));
  const log = (message: string): void => void process.stderr.write(`${message}\n`);
  const rows: BenchRow[] = [];
  // Navi's clock unrefs its timers (they must never hold a process open), so while a benchmark
  // awaits a coalesced delivery nothing else would keep Node running: hold the loop open here.
  const keepAlive = setInterval(() => {}, 60_000);
  for (const module of selected) {
    log(`▶ ${module.name}: ${module.description}`);
    const start = now();
    rows.push(...(await module.run({ log })));
    log(`  done in ${((now() - start) / 1000).toFixed(1)} s`);
  }
  clearInterval(keepAlive);
  console.log();
  console.log(formatTable(rows));
  console.log();
  const file = writeResults(
    rows,
    startedAt,
    selected.map((module) => module.name),
  );
  console.log(`Results written to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
