/** A time of day said by a person: "9", "8:30", "8.30pm", "17:00", "noon", "midnight". */
export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

const TIME = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?$/;

export function parseTimeOfDay(text: string): TimeOfDay | undefined {
  const said = text.trim().toLowerCase();
  if (said === 'noon' || said === 'midday') return { hour: 12, minute: 0 };
  if (said === 'midnight') return { hour: 0, minute: 0 };
  const match = TIME.exec(said);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.[0];
  if (minute > 59) return undefined;
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    if (meridiem === 'a' && hour === 12) hour = 0;
    else if (meridiem === 'p' && hour !== 12) hour += 12;
  } else if (hour > 23) {
    return undefined;
  }
  return { hour, minute };
}
