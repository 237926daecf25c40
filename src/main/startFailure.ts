/** What the start-up error dialog says: the core's readable reason, and where Navi keeps its data. */
export function startFailureMessage(error: unknown, dataDir: string): string {
  const reason = error instanceof Error && error.message.trim() ? error.message.trim() : String(error);
  return `${reason}\n\nNavi's data folder: ${dataDir}\nNothing was changed there. Navi will now quit.`;
}
