import type { OwnerRecord } from './ownerRecord';

const ADVICE_OTHER_DIR = 'or start Navi with another data directory (--data-dir or NAVI_DATA_DIR)';

function describe(owner: OwnerRecord | undefined): { who: string; advice: string } {
  if (!owner) return { who: 'another Navi process', advice: `Close it, ${ADVICE_OTHER_DIR}.` };
  if (owner.kind === 'desktop') {
    return { who: `the Navi desktop app (process ${owner.pid})`, advice: `Quit the desktop app, ${ADVICE_OTHER_DIR}.` };
  }
  // The origin only: the full address carries the token, and this line may end up in a dialog or a log.
  const origin = owner.url && URL.canParse(owner.url) ? new URL(owner.url).origin : undefined;
  const at = origin ? ` at ${origin}` : ' that is starting';
  return {
    who: `a Navi browser host${at} (process ${owner.pid})`,
    advice: `Stop it (Ctrl+C where it runs), ${ADVICE_OTHER_DIR}.`,
  };
}

/**
 * A second Navi asked for a data directory another process owns. The message is one line a person
 * can act on (the desktop shell shows it in a dialog, the CLI prints it); `owner` says who holds it,
 * when it could be read, so a browser host can send the user to the owner's address instead.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: OwnerRecord | undefined,
  ) {
    const { who, advice } = describe(owner);
    super(`Navi's data directory ${dataDir} is in use by ${who}. ${advice}`);
    this.name = 'DataDirInUseError';
  }
}
