/**
 * What runs during the longest event-loop blocks of a bench worker: a sampling CPU profile (the
 * inspector's Profiler, in-process) and a probe that notes every gap between event-loop turns
 * longer than a threshold, with GC pauses from a PerformanceObserver. `report()` attributes the
 * profile's samples that fall inside each of the longest gaps to their functions (self time, and
 * the deepest frames of the project's own code), so a block reads as "what ran in it".
 *
 * Used by bench/disk/worker.ts when NAVI_BLOCK_PROFILE names a file; not part of any measurement
 * (sampling slows the process down, so its blocks are longer than the bench's).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import { PerformanceObserver } from 'node:perf_hooks';

interface Gap {
  /** µs on the profile's clock (hrtime). */
  readonly start: number;
  readonly end: number;
  /** The main thread's time on a CPU and waiting for one (runnable, preempted) in the gap, µs. */
  readonly onCpu: number;
  readonly waitingCpu: number;
  /** What `mark` noted in the gap, by label. */
  readonly marks: string;
}

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
/** The main thread's [time on a CPU, time runnable but waiting for one], µs (Linux; zeros elsewhere). */
function schedstat(): [number, number] {
  try {
    const [run = '0', wait = '0'] = readFileSync(SCHEDSTAT, 'latin1').split(' ');
    return [Number(run) / 1000, Number(wait) / 1000];
  } catch {
    return [0, 0];
  }
}

const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

export class BlockProfile {
  private readonly session = new Session();
  private readonly gaps: Gap[] = [];
  private readonly gcs: { start: number; ms: number; kind: number }[] = [];
  private last = 0;
  private running = false;
  private observer: PerformanceObserver | undefined;
  /** Writes noted by the caller (`noteWrite`), µs on the same clock. */
  private readonly writes: { start: number; end: number; what: string }[] = [];

  /** `intervalUs` 0: no CPU profile, only the gaps, GC pauses and noted writes (cheap). */
  constructor(
    private readonly thresholdMs = 4,
    private readonly intervalUs = 100,
  ) {}

  private readonly pending = new Map<string, number>();
  /** The most of each mark seen between two turns of the event loop (any gap, short ones too). */
  private readonly mostPerTurn = new Map<string, number>();

  /** Notes that `label` happened (counted per gap). */
  mark(label: string): void {
    this.pending.set(label, (this.pending.get(label) ?? 0) + 1);
  }

  /** A write that took from `startMs` to `endMs` (performance.now()); kept when over 1 ms. */
  noteWrite(startMs: number, endMs: number, what: string): void {
    if (endMs - startMs < 1) return;
    const origin = nowUs() - performance.now() * 1000;
    this.writes.push({ start: origin + startMs * 1000, end: origin + endMs * 1000, what });
  }

  private post<T>(method: string, params?: object): Promise<T> {
    return new Promise((resolve, reject) =>
      this.session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
    );
  }

  async start(): Promise<void> {
    if (this.intervalUs > 0) {
      this.session.connect();
      await this.post('Profiler.enable');
      await this.post('Profiler.setSamplingInterval', { interval: this.intervalUs });
      await this.post('Profiler.start');
    }
    const origin = nowUs() - performance.now() * 1000;
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        this.gcs.push({
          start: origin + entry.startTime * 1000,
          ms: entry.duration,
          kind: ((entry as { detail?: unknown }).detail as { kind?: number } | undefined)?.kind ?? 0,
        });
      }
    });
    this.observer.observe({ entryTypes: ['gc'] });
    this.running = true;
    this.last = nowUs();
    let [lastCpu, lastWait] = schedstat();
    const tick = (): void => {
      const at = nowUs();
      const [cpu, wait] = schedstat();
      if (at - this.last > this.thresholdMs * 1000) {
        const marks = [...this.pending].map(([label, count]) => `${count} ${label}`).join(', ');
        this.gaps.push({ start: this.last, end: at, onCpu: cpu - lastCpu, waitingCpu: wait - lastWait, marks });
      }
      for (const [label, count] of this.pending) {
        this.mostPerTurn.set(label, Math.max(count, this.mostPerTurn.get(label) ?? 0));
      }
      this.pending.clear();
      this.last = nowUs();
      [lastCpu, lastWait] = [cpu, wait];
      if (this.running) setImmediate(tick);
    };
    setImmediate(tick);
  }

  async stop(file: string, top = 12): Promise<void> {
    this.running = false;
    this.observer?.disconnect();
    let profile: Profiler.Profile = { nodes: [], startTime: 0, endTime: 0, samples: [], timeDeltas: [] };
    if (this.intervalUs > 0) {
      ({ profile } = await this.post<{ profile: Profiler.Profile }>('Profiler.stop'));
      this.session.disconnect();
    }
    writeFileSync(`${file}.cpuprofile`, JSON.stringify(profile));
    writeFileSync(file, this.report(profile, top));
  }

  private report(profile: Profiler.Profile, top: number): string {
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const name = (id: number): string => {
      const frame = nodes.get(id)!.callFrame;
      const url = frame.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/');
      return `${frame.functionName || '(anon)'} ${url}:${frame.lineNumber + 1}`;
    };
    const own = (id: number): boolean => /\/(src|bench)\//.test(nodes.get(id)!.callFrame.url);
    // Sample times: startTime + cumulative deltas (µs, hrtime clock).
    const times: number[] = [];
    let t = profile.startTime;
    for (const delta of profile.timeDeltas ?? []) times.push((t += delta));
    const samples = profile.samples ?? [];
    const lines: string[] = [];
    // On a shared machine most of a long gap can be other processes' turn on the CPU: the gaps
    // that cost this thread the most CPU come first (wall time where the OS does not say).
    const byCpu = this.gaps.some((gap) => gap.onCpu > 0);
    const cost = (gap: Gap): number => (byCpu ? gap.onCpu : gap.end - gap.start);
    const longest = [...this.gaps].sort((a, b) => cost(b) - cost(a)).slice(0, top);
    lines.push(
      `${this.gaps.length} gaps over ${this.thresholdMs} ms; the ${longest.length} ${byCpu ? 'with the most CPU time' : 'longest'}:`,
    );
    for (const gap of longest) {
      const self = new Map<string, number>();
      const ownDeepest = new Map<string, number>();
      const stacks = new Map<string, number>();
      let count = 0;
      for (let index = 0; index < samples.length; index++) {
        if (times[index]! < gap.start || times[index]! > gap.end) continue;
        count++;
        const id = samples[index]!;
        self.set(name(id), (self.get(name(id)) ?? 0) + 1);
        let cursor: number | undefined = id;
        const chain: string[] = [];
        let deepestOwn: string | undefined;
        while (cursor !== undefined) {
          if (own(cursor)) {
            deepestOwn ??= name(cursor);
            if (chain.length < 8) chain.push(nodes.get(cursor)!.callFrame.functionName || '(anon)');
          }
          cursor = parent.get(cursor);
        }
        const key = deepestOwn ?? '(no project frame)';
        ownDeepest.set(key, (ownDeepest.get(key) ?? 0) + 1);
        const stack = chain.reverse().join(' > ') || '(none)';
        stacks.set(stack, (stacks.get(stack) ?? 0) + 1);
      }
      const gcs = this.gcs.filter((gc) => gc.start < gap.end && gc.start + gc.ms * 1000 > gap.start);
      const writes = this.writes.filter((write) => write.start < gap.end && write.end > gap.start);
      lines.push(
        `\n== gap ${((gap.end - gap.start) / 1000).toFixed(1)} ms at +${((gap.start - this.gaps[0]!.start) / 1e6).toFixed(3)} s (on a CPU ${(gap.onCpu / 1000).toFixed(1)} ms, preempted ${(gap.waitingCpu / 1000).toFixed(1)} ms), ${count} samples, marks: ${gap.marks || 'none'}; GC in it: ${
          gcs.map((gc) => `${gc.ms.toFixed(1)} ms (kind ${gc.kind})`).join(', ') || 'none'
        }; writes over 1 ms in it: ${
          writes.map((write) => `${((write.end - write.start) / 1000).toFixed(1)} ms ${write.what}`).join(', ') ||
          'none'
        }`,
      );
      const list = (title: string, map: Map<string, number>, n: number): void => {
        lines.push(`  ${title}:`);
        for (const [key, value] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
          lines.push(`    ${((value * this.intervalUs) / 1000).toFixed(1).padStart(5)} ms  ${key}`);
        }
      };
      list('self', self, 8);
      list('deepest project frame', ownDeepest, 8);
      list('project stacks', stacks, 6);
    }
    const gcTotal = this.gcs.reduce((sum, gc) => sum + gc.ms, 0);
    const gcMax = Math.max(0, ...this.gcs.map((gc) => gc.ms));
    // A gap less the time its thread waited for a CPU (other processes' turns): what the code
    // itself held the loop for, running or blocked in a call (schedstat's wait is exact once the
    // thread runs again; its run time lags, so it is not used here).
    const net = (gap: Gap): number => (gap.end - gap.start - gap.waitingCpu) / 1000;
    const longestNet = [...this.gaps].sort((a, b) => net(b) - net(a)).slice(0, 5);
    lines.push(
      `\nLongest gaps less their wait for a CPU: ${longestNet
        .map((gap) => {
          const gc = this.gcs
            .filter((pause) => pause.start < gap.end && pause.start + pause.ms * 1000 > gap.start)
            .reduce((sum, pause) => sum + pause.ms, 0);
          return `${net(gap).toFixed(1)} ms (${gap.marks || 'no marks'}; GC ${gc.toFixed(1)} ms)`;
        })
        .join('; ')}`,
    );
    lines.push(
      `Most in one turn of the event loop: ${[...this.mostPerTurn].map(([label, count]) => `${count} ${label}`).join(', ')}`,
    );
    lines.push(`GC: ${this.gcs.length} pauses, ${gcTotal.toFixed(1)} ms in all, longest ${gcMax.toFixed(1)} ms`);
    return `${lines.join('\n')}\n`;
  }
}
