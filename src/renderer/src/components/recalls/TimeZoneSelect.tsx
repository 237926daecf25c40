import type { SelectHTMLAttributes } from 'react';
import { currentZoneName, currentZoneNames } from '../../../../shared/time/timeZoneNames';

type TimeZoneSelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
  readonly value: string;
  readonly onChange: (zone: string) => void;
};

/**
 * A select over IANA time zones by their current names (Europe/Kyiv, not Europe/Kiev); a zone
 * stored under an older name shows as its current one, and one it does not list stays selectable.
 */
export function TimeZoneSelect({ value, onChange, ...rest }: TimeZoneSelectProps) {
  const shown = currentZoneName(value);
  const zones = currentZoneNames();
  const options = zones.includes(shown) ? zones : [shown, ...zones];
  return (
    <select {...rest} value={shown} onChange={(event) => onChange(event.target.value)}>
      {options.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replace(/_/g, ' ')}
        </option>
      ))}
    </select>
  );
}
