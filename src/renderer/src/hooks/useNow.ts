import { useEffect, useRef, useState } from 'react';
import { pageClock } from '../lib/pageClock';
import { cadenceNear, type Cadence, type ClockWatch } from '../lib/tickingClock';

type Shown = Cadence | readonly (number | null | undefined)[];

const cadenceOf = (shown: Shown, now: number): Cadence => (typeof shown === 'string' ? shown : cadenceNear(shown, now));

/**
 * The current time for labels that read it ("in 5 min", "Today"), from the page's one clock:
 * re-rendered each minute, or each second with `'second'`. Pass the times the label shows instead,
 * and it ticks each second only while one of them is near. A display clock only: data changes
 * arrive as events.
 */
export function useNow(shown: Shown = 'minute'): number {
  const [now, setNow] = useState(() => pageClock.now());
  const shownRef = useRef(shown);
  const watch = useRef<ClockWatch>(undefined);
  useEffect(() => {
    const before = cadenceOf(shownRef.current, pageClock.now());
    shownRef.current = shown;
    // A time that came near (a new recall due in a minute) speeds the label up at once.
    if (cadenceOf(shown, pageClock.now()) !== before) watch.current?.retime();
  });
  useEffect(() => {
    const current = pageClock.watch((at) => cadenceOf(shownRef.current, at), setNow);
    watch.current = current;
    return () => current.stop();
  }, []);
  return now;
}
