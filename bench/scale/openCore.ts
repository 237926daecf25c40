import { createCore, type Core } from '../../src/core/core';
import type { Agent } from '../../src/core/agent/types';
import type { Logger } from '../../src/core/ports';

export const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Replies with one short sentence: the scale benchmarks read; they never wait on a model. */
const shortReplies: Agent = {
  async *run() {
    yield { type: 'text-delta', text: 'Noted.' };
  },
};

/** Navi's core on the generated data directory, as the browser host opens it. */
export function openCore(dataDir: string): Core {
  return createCore({ dataDir, version: 'bench', shell: 'browser', logger: quiet, agent: shortReplies });
}
