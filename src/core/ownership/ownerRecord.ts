import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const OWNER_FILE_NAME = 'navi.owner.json';

/** Who holds a data directory: written by the owner beside its lock, read by whoever is refused. */
export const OwnerRecord = z.object({
  pid: z.number().int().positive(),
  /** The desktop app or a browser host started with `npm run serve`. */
  kind: z.enum(['desktop', 'serve']),
  version: z.string(),
  startedAt: z.string(),
  /** Where the owner serves browser windows (with its token), once it does. */
  url: z.string().optional(),
});
export type OwnerRecord = z.infer<typeof OwnerRecord>;

export function ownerFile(dataDir: string): string {
  return join(dataDir, OWNER_FILE_NAME);
}

/** Written to a temporary file and renamed, so a reader sees the old record or the new one. */
export function writeOwnerRecord(dataDir: string, record: OwnerRecord): void {
  const file = ownerFile(dataDir);
  const temporary = `${file}.${record.pid}.tmp`;
  // Readable by this user only: the URL carries the host's token.
  writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** The record, or undefined when it is missing, unreadable or not one of ours. */
export function readOwnerRecord(dataDir: string): OwnerRecord | undefined {
  try {
    const parsed = OwnerRecord.safeParse(JSON.parse(readFileSync(ownerFile(dataDir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function removeOwnerRecord(dataDir: string, pid: number): void {
  if (readOwnerRecord(dataDir)?.pid === pid) rmSync(ownerFile(dataDir), { force: true });
}
