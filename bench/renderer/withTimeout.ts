/** How long past the end of the stream a page may take to show all of it before the run is cut off. */
export const END_GRACE_MS = 60_000;

/**
 * Waits for the page to show the end of a stream lasting `streamMs`; false when it had not after
 * END_GRACE_MS more (the run then counts as that far behind, a lower bound).
 */
export async function waitForEnd(shown: Promise<unknown>, streamMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), streamMs + END_GRACE_MS);
  });
  try {
    return await Promise.race([shown.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
