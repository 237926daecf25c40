import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from '../../src/host/server';
import { quantile } from '../lib/sides';
import type { Dataset } from '../dataset';
import { openCore, quiet } from './openCore';
import { startUnattachedChromium } from './unattached';

/**
 * Chromium compiles a script from scratch the first time it runs it, keeps its V8 code the second
 * time (HTTP cache and code cache in the profile), and uses that code from the third on: starts
 * after the first two are what a person has every day.
 */
const WARMING_STARTS = 2;
const MEASURED_STARTS = 3;

export interface LaterStartReading {
  /** Median over the measured starts, ms from navigation. */
  readonly conversationMs: number;
  readonly longestTaskMs: number;
}

/**
 * A later start: Chromium restarted on one kept profile for each start (nothing left in memory),
 * its first tab opening the typical conversation with nothing attached (bench/scale/unattached.ts),
 * as the desktop app opens navi://app/ with its code cache (src/main/appProtocol.ts). The first
 * start's reading is scale/page's "first conversation painted". `probedRendererDir` is the build
 * with the probe served in it (probedRendererDir).
 */
export async function laterStart(dataset: Dataset, probedRendererDir: string): Promise<LaterStartReading> {
  const core = openCore(dataset.dataDir);
  const host = await startHost({ services: core.services, rendererDir: probedRendererDir, logger: quiet });
  const profile = mkdtempSync(join(tmpdir(), 'navi-bench-profile-'));
  const [typical] = dataset.manifest.typical;
  const conversation: number[] = [];
  const longest: number[] = [];
  try {
    for (let start = 0; start < WARMING_STARTS + MEASURED_STARTS; start++) {
      const browser = await startUnattachedChromium(profile);
      try {
        const paint = await browser.load(`${host.url}#/c/${typical!.id}`, { fresh: false });
        if (start < WARMING_STARTS) continue;
        conversation.push(paint.conversation);
        longest.push(paint.longestLoadingTask);
      } finally {
        await browser.close();
      }
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
    await host.close();
    await core.close();
  }
  return { conversationMs: quantile(conversation, 0.5), longestTaskMs: quantile(longest, 0.5) };
}
