import type { Recall } from '../../../../shared/contract';
import { formatDayHeading } from './formatTime';
import { RecallList } from './RecallList';

interface UpcomingRecallsProps {
  readonly recalls: readonly Recall[];
  readonly now: number;
  readonly titles: (sessionId: string) => string;
}

/** Scheduled recalls, soonest first, under a heading per day ("Today", "Tomorrow", "Friday, 6 December"). */
export function UpcomingRecalls({ recalls, now, titles }: UpcomingRecallsProps) {
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
          <RecallList
            recalls={day.recalls}
            label={`Scheduled ${day.heading.toLowerCase()}`}
            now={now}
            titles={titles}
          />
        </div>
      ))}
    </>
  );
}
