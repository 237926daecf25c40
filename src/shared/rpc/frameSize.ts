import { formatBytes, MAX_FRAME_BYTES } from '../contract/limits';

/** UTF-8 length of a string, counted without TextEncoder (shared code runs without DOM or Node). */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Bytes a message takes as a JSON frame, or Infinity when it cannot be one (a cycle, a BigInt). */
export function frameBytes(message: unknown): number {
  let text: string | undefined;
  try {
    text = JSON.stringify(message);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
  return text === undefined ? 0 : utf8Bytes(text);
}

/** Why a message cannot cross a transport (over MAX_FRAME_BYTES), or undefined when it can. */
export function frameRefusal(message: unknown): string | undefined {
  const bytes = frameBytes(message);
  if (bytes <= MAX_FRAME_BYTES) return undefined;
  const size = Number.isFinite(bytes) ? formatBytes(bytes) : 'not serialisable';
  return `A message to Navi can be at most ${formatBytes(MAX_FRAME_BYTES)} (this one: ${size})`;
}
