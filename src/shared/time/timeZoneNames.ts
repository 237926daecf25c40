/**
 * Current IANA names for time zones. ICU (and so Chromium, Electron and Node) still calls a few
 * zones by the names they had before IANA renamed them (Asia/Calcutta, Europe/Kiev …): its
 * `Intl.supportedValuesOf('timeZone')` lists them and `resolvedOptions().timeZone` answers them.
 * People should read and pick today's names; both spellings keep working for the scheduler.
 */

/** ICU's canonical ids that IANA has since renamed (IANA's `backward` file), with today's name. */
const RENAMED: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

const MAX_REMEMBERED = 512;
const remembered = new Map<string, string>();

/**
 * Today's IANA name of `zone`: aliases resolve to their zone ("Europe/Zaporozhye" is Kyiv's time,
 * "Etc/UTC" is UTC) and renamed zones get their new name. A name the runtime does not know comes
 * back unchanged.
 */
export function currentZoneName(zone: string): string {
  let name = remembered.get(zone);
  if (name === undefined) {
    let resolved = zone;
    try {
      resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      // Unknown here: shown as stored (the scheduler says what is wrong with it).
    }
    name = RENAMED[resolved] ?? resolved;
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(zone, name);
  }
  return name;
}

/** The runtime's own zone by its current name. */
export function localZoneName(): string {
  return currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
}

let zoneList: readonly string[] | undefined;

/** Every zone the runtime knows, once each by its current name, plus UTC, sorted (read once). */
export function currentZoneNames(): readonly string[] {
  if (!zoneList) {
    let listed: string[] = [];
    try {
      listed = Intl.supportedValuesOf('timeZone');
    } catch {
      // Older engines: the person's own zone and UTC still work.
    }
    // Listed names are the runtime's canonical ones already: only the renamed need a new name.
    const named = listed.map((zone) => RENAMED[zone] ?? zone);
    zoneList = [...new Set(['UTC', localZoneName(), ...named])].sort((a, b) => a.localeCompare(b));
  }
  return zoneList;
}
