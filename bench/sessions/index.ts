import type { BenchModule } from '../lib/types';
import { catchUpBenchmark } from './catchUp';
import { idleHeapBenchmark } from './idleHeap';
import { throughputBenchmark } from './throughput';

/** Issue 3, part 6: the orchestrator against the seed's approach. */
export const sessionBenchmarks: readonly BenchModule[] = [throughputBenchmark, catchUpBenchmark, idleHeapBenchmark];
