import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { formatBytes, MAX_RESOURCE_TEXT_CHARS } from '../../shared/contract/limits';
import type { MessagePart } from '../../shared/contract/messages';

export type ResourcePart = Extract<MessagePart, { type: 'resource' }>;

/** Base64 length to bytes (padding aside). */
function decodedBytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
}

/**
 * A read resource as a message part: its text contents joined (cut at MAX_RESOURCE_TEXT_CHARS),
 * binary contents only noted. Images and files will travel as attachments once Navi has them.
 */
export function resourcePart(
  source: { readonly serverId: string; readonly serverName: string },
  uri: string,
  name: string,
  result: ReadResourceResult,
): ResourcePart {
  const texts: string[] = [];
  const notes: string[] = [];
  let mimeType: string | null = null;
  for (const content of result.contents) {
    mimeType ??= content.mimeType ?? null;
    if ('text' in content && typeof content.text === 'string') texts.push(content.text);
    else if ('blob' in content && typeof content.blob === 'string') {
      notes.push(
        `binary content (${content.mimeType ?? 'unknown type'}, ${formatBytes(decodedBytes(content.blob))}) not included`,
      );
    }
  }
  let text = texts.length > 0 ? texts.join('\n\n') : null;
  if (text !== null && text.length > MAX_RESOURCE_TEXT_CHARS) {
    notes.push(
      `cut to the first ${MAX_RESOURCE_TEXT_CHARS.toLocaleString('en')} of ${text.length.toLocaleString('en')} characters`,
    );
    text = text.slice(0, MAX_RESOURCE_TEXT_CHARS);
  }
  if (text === null && notes.length === 0) notes.push('the resource is empty');
  return {
    type: 'resource',
    serverId: source.serverId,
    serverName: source.serverName,
    uri,
    name,
    mimeType,
    text,
    note: notes.length > 0 ? capitalise(notes.join('; ')) : null,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}
