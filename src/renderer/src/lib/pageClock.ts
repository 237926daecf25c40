import { createTickingClock } from './tickingClock';

let reported = false;

/** The page's clock: every relative time on the page reads it. */
export const pageClock = createTickingClock(
  {
    now: () => Date.now(),
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
  },
  (error) => {
    if (reported) return;
    reported = true;
    console.warn('A time label failed to update', error);
  },
);

// A hidden page's timers are held back: coming back, every label catches up at once.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') pageClock.tickAll();
});
