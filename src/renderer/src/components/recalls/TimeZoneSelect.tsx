import type { SelectHTMLAttributes } from 'react';

let zones: readonly string[] | undefined;

/** The browser's IANA zones (plus UTC), read once. */
function allZones(): readonly string[] {
  if (!zones) {
    let listed: string[] = [];
    try {
      listed = Intl.supportedValuesOf('timeZone');
    } catch {
      // Older engines: the person's own zone and UTC still work.
    }
    zones = [...new Set(['UTC', ...listed])].sort((a, b) => a.localeCompare(b));
  }
  return zones;
}

type TimeZoneSelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
  readonly value: string;
  readonly onChange: (zone: string) => void;
};

/** A select over IANA time zones; keeps a zone it does not list (from an older recall) selectable. */
export function TimeZoneSelect({ value, onChange, ...rest }: TimeZoneSelectProps) {
  const options = allZones().includes(value) ? allZones() : [value, ...allZones()];
  return (
    <select {...rest} value={value} onChange={(event) => onChange(event.target.value)}>
      {options.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replace(/_/g, ' ')}
        </option>
      ))}
    </select>
  );
}
