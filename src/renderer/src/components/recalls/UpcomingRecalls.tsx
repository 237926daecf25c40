import type { Recall } from '../../../../shared/contract';
import { useNow } from '../../hooks/useNow';
import { formatDayHeading } from './formatTime';
import { RecallList } from './RecallList';

interface UpcomingRecallsProps {
  readonly recalls: readonly Recall[];
  readonly titles: (sessionId: string) => string;
}

/** Scheduled recalls, soonest first, under a heading per day ("Today", "Tomorrow", "Friday, 6 December"). */
export function UpcomingRecalls({ recalls, titles }: UpcomingRecallsProps) {
  // Day headings move on at midnight.
  const now = useNow();
  const days: { heading: string; recalls: Recall[] }[] = [];
  for (const recall of recalls) {
    const heading = formatDayHeading(recall.nextRunAt ?? now, now);
    const last = days[days.length - 1];
    if (last?.heading === heading) last.recalls.push(recall);
    else days.push({ heading, recalls: [recall] });
  }
  return (
    <>
      {days.map((day) => (
        <div key={day.heading} className="recall-day">
          <h4 className="recall-day-heading">{day.heading}</h4>
          <RecallList recalls={day.recalls} label={`Scheduled ${day.heading.toLowerCase()}`} titles={titles} />
        </div>
      ))}
    </>
  );
}
