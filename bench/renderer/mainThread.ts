import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';

/** Chromium's own accounting of the page's main thread (CDP Performance.getMetrics), in ms. */
interface Counters {
  readonly script: number;
  readonly task: number;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time of the event, microseconds: what the thread ran, not how long it waited. */
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/** What the page's main thread did during a measurement. */
export interface MainThreadReport {
  /** The longest task (a trace's RunTask on the renderer's main thread), ms. */
  readonly longestTask: number;
  /** JavaScript time (Chromium's ScriptDuration), ms. */
  readonly scripting: number;
  /** Time the main thread was running tasks at all (TaskDuration), ms. */
  readonly busy: number;
  /** Busy time in the last fifth of the window over busy time in its first fifth. */
  readonly busyGrowth: number;
  /**
   * CPU time of the main thread's tasks (the trace's thread time), ms: the work itself, whatever
   * else the machine runs (wall-clock readings grow with the load; this one hardly does). Under CPU
   * throttling Chromium pauses the thread, so this is the unthrottled cost.
   */
  readonly threadCpu: number;
  /** The most CPU time one task took, ms (the longest task's work, without the waiting). */
  readonly longestTaskCpu: number;
}

async function counters(session: CDPSession): Promise<Counters> {
  const { metrics } = await session.send('Performance.getMetrics');
  const value = (name: string): number => (metrics.find((metric) => metric.name === name)?.value ?? 0) * 1000;
  return { script: value('ScriptDuration'), task: value('TaskDuration') };
}

/** RunTask events of the busiest renderer main thread ("CrRendererMain") in the trace. */
function mainThreadTasks(events: readonly TraceEvent[]): TraceEvent[] {
  const mains = new Set(
    events
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.name !== 'RunTask' || event.ph !== 'X' || !mains.has(thread)) continue;
    const list = byThread.get(thread);
    if (list) list.push(event);
    else byThread.set(thread, [event]);
  }
  const total = (tasks: readonly TraceEvent[]) => tasks.reduce((sum, task) => sum + (task.dur ?? 0), 0);
  return [...byThread.values()].sort((a, b) => total(b) - total(a))[0] ?? [];
}

/** Busy milliseconds of `tasks` inside [from, to) (trace microseconds), counting overlaps only. */
function busyIn(tasks: readonly TraceEvent[], from: number, to: number): number {
  let busy = 0;
  for (const task of tasks) {
    const start = Math.max(task.ts, from);
    const end = Math.min(task.ts + (task.dur ?? 0), to);
    if (end > start) busy += end - start;
  }
  return busy / 1000;
}

/**
 * Watches the page's main thread around `body`: a trace (every task's length) and Chromium's
 * counters (scripting and busy time). `windowMs` is how long the streamed input lasts: busy time
 * in its first and last fifth shows whether the cost of an update grows as the reply does.
 */
export async function measureMainThread(
  browser: Browser,
  page: Page,
  windowMs: number,
  label: string,
  body: () => Promise<void>,
  cpuThrottle = 1,
): Promise<MainThreadReport> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  // CPU throttling (DevTools' "4x slowdown") stands in for a slower laptop.
  if (cpuThrottle !== 1) await session.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
  await browser.startTracing(page, {
    categories: [
      'disabled-by-default-devtools.timeline',
      'devtools.timeline',
      'v8.execute',
      // A kept trace (NAVI_BENCH_TRACES, below) also samples the JavaScript, for the Performance panel's call tree.
      ...(process.env.NAVI_BENCH_TRACES ? ['disabled-by-default-v8.cpu_profiler'] : []),
    ],
  });
  const before = await counters(session);
  await body();
  const after = await counters(session);
  if (cpuThrottle !== 1) await session.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const buffer = await browser.stopTracing();
  // NAVI_BENCH_TRACES=<dir> keeps each side's trace, to open in DevTools' Performance panel.
  const keep = process.env.NAVI_BENCH_TRACES;
  if (keep) writeFileSync(join(keep, `renderer-${label}.json`), buffer);
  const trace = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  await session.detach();

  const tasks = mainThreadTasks(trace.traceEvents);
  const origin = tasks[0]?.ts ?? 0;
  const fifth = (windowMs * 1000) / 5;
  const first = busyIn(tasks, origin, origin + fifth);
  const last = busyIn(tasks, origin + 4 * fifth, origin + 5 * fifth);
  return {
    longestTask: tasks.reduce((max, task) => Math.max(max, (task.dur ?? 0) / 1000), 0),
    scripting: after.script - before.script,
    busy: after.task - before.task,
    busyGrowth: first > 0 ? last / first : Number.NaN,
    threadCpu: tasks.reduce((sum, task) => sum + (task.tdur ?? 0), 0) / 1000,
    longestTaskCpu: tasks.reduce((max, task) => Math.max(max, (task.tdur ?? 0) / 1000), 0),
  };
}
