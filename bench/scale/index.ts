import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuild } from '../../src/host/rendererBuild';
import { defaultRendererDir } from '../../src/host/server';
import { launchChromium } from '../../tests/helpers/browser';
import { ensureDataset } from '../dataset';
import type { BenchModule } from '../lib/types';
import { pageRows } from './page';
import { searchRows } from './search';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Issue 17 part 5 (DESIGN.md "10,000 conversations / 1,000,000 messages"): the generated data set
 * (bench/dataset, made once and cached) served as people use Navi.
 */
export const scaleBenchmarks: readonly BenchModule[] = [
  {
    name: 'scale/search',
    description:
      'search over 1,000,000 messages: common and rare words, one and two typed letters; Navi vs round 1 (every match ranked, on the core thread)',
    run: async ({ log }) => searchRows(ensureDataset(log), log),
  },
  {
    name: 'scale/page',
    description:
      'Chromium on 10,000 conversations / 1,000,000 messages: host start, first paint, switch, load earlier, scrolling 5,000 messages, memory; against the design budgets',
    run: async ({ log }) => {
      const dataset = ensureDataset(log);
      ensureRendererBuild(projectRoot, defaultRendererDir(projectRoot), log);
      const browser = await launchChromium();
      try {
        return await pageRows(browser, dataset, projectRoot, log);
      } finally {
        await browser.close();
      }
    },
  },
];
