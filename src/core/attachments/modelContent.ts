import type { FilePart, ImagePart, TextPart } from 'ai';
import type { AttachmentPart } from '../../shared/contract/attachments';
import { MAX_ATTACHMENT_TEXT_CHARS } from '../../shared/contract/limits';
import type { Message } from '../../shared/contract/messages';
import { AgentError } from '../agent/types';
import { modelInputs, type ModelCatalog, type ModelInputs } from '../providers/modelInputs';
import type { ProviderConnection } from '../providers/providerConnection';
import type { AttachmentStore } from './attachmentStore';

export type AttachmentModelPart = TextPart | ImagePart | FilePart;

/** An attachment as the model gets it (prepared beforehand, so building the prompt stays synchronous). */
export type AttachmentContent = (part: AttachmentPart) => AttachmentModelPart[];

/** The attachment parts of the person's messages in a history. */
export function attachmentsIn(history: readonly Message[]): AttachmentPart[] {
  return history.flatMap((message) =>
    message.role === 'user' ? message.parts.filter((part): part is AttachmentPart => part.type === 'attachment') : [],
  );
}

/**
 * Refuses, before anything is sent, a prompt with images to a model known not to read them: the
 * message names the model and suggests one that does, or says what to change. Images earlier in
 * the conversation are left out with a note instead, so switching models does not strand it.
 */
export function checkImagesReadable(history: readonly Message[], model: string, inputs: ModelInputs): void {
  if (inputs.images !== false) return;
  const prompt = history.findLast((message) => message.role === 'user');
  const images = prompt ? attachmentsIn([prompt]).filter((part) => part.kind === 'image') : [];
  if (images.length === 0) return;
  const names = images.map((part) => `“${part.name}”`).join(', ');
  const suggestion =
    inputs.imageModels.length > 0
      ? `Choose a model that reads images, such as ${inputs.imageModels
          .slice(0, 3)
          .map((id) => `“${id}”`)
          .join(' or ')}, in Settings`
      : 'Choose a model that reads images in Settings';
  throw new AgentError(
    'not_configured',
    `The model “${model}” cannot read images, so ${names} ${images.length === 1 ? 'was' : 'were'} not sent. ${suggestion}, or edit your message to leave the image out.`,
  );
}

/** Loads what the model gets for every attachment in the history. */
export async function prepareAttachmentContent(
  history: readonly Message[],
  store: AttachmentStore,
  model: string,
  inputs: ModelInputs,
): Promise<AttachmentContent> {
  const loaded = new Map<string, Loaded>();
  for (const part of attachmentsIn(history)) {
    if (loaded.has(part.id)) continue;
    loaded.set(part.id, await load(part, store, model, inputs));
  }
  return (part) => loaded.get(part.id)?.(part.name) ?? [];
}

type Loaded = (name: string) => AttachmentModelPart[];

async function load(part: AttachmentPart, store: AttachmentStore, model: string, inputs: ModelInputs): Promise<Loaded> {
  try {
    switch (part.kind) {
      case 'image': {
        if (inputs.images === false) {
          return (name) => [note(`The image “${name}” is left out here: the model “${model}” cannot read images.`)];
        }
        const { bytes, mediaType } = await store.modelImage(part.id);
        return (name) => [label(`Attached image ${JSON.stringify(name)}:`), { type: 'image', image: bytes, mediaType }];
      }
      case 'pdf': {
        const pages = part.pages === undefined ? '' : ` (${part.pages} page${part.pages === 1 ? '' : 's'})`;
        if (inputs.pdfFiles) {
          const data = await store.bytes(part.id);
          return (name) => [
            label(`Attached PDF ${JSON.stringify(name)}${pages}:`),
            { type: 'file', data, mediaType: 'application/pdf', filename: name },
          ];
        }
        const text = (await store.text(part.id)) ?? '';
        if (text.trim().length === 0) {
          return (name) => [
            note(
              `The PDF “${name}”${pages} has no text layer (it may be scanned), and this model reads PDFs only as text.`,
            ),
          ];
        }
        return (name) => [fileText(name, `PDF${pages}, its text`, text)];
      }
      case 'text': {
        const text = (await store.text(part.id)) ?? '';
        const lines = part.lines === undefined ? '' : `, ${part.lines} line${part.lines === 1 ? '' : 's'}`;
        return (name) => [fileText(name, `${part.mediaType}${lines}`, text)];
      }
    }
  } catch {
    return (name) => [note(`The attached file “${name}” is missing from Navi's data directory.`)];
  }
}

const label = (text: string): TextPart => ({ type: 'text', text });
const note = (text: string): TextPart => ({ type: 'text', text: `[${text}]` });

/** A text file inline, with its name, cut to MAX_ATTACHMENT_TEXT_CHARS (the model is told). */
function fileText(name: string, what: string, text: string): TextPart {
  const cut = text.length > MAX_ATTACHMENT_TEXT_CHARS;
  const body = cut ? text.slice(0, MAX_ATTACHMENT_TEXT_CHARS) : text;
  const tail = cut
    ? `\n[Cut to the first ${MAX_ATTACHMENT_TEXT_CHARS.toLocaleString('en-US')} of ${text.length.toLocaleString('en-US')} characters.]`
    : '';
  return {
    type: 'text',
    text: `Attached file ${JSON.stringify(name)} (${what}):\n<file name=${JSON.stringify(name)}>\n${body}\n</file>${tail}`,
  };
}

/** Prepares a run's attachments for the model it goes to; undefined when the history has none. */
export type PrepareAttachments = (
  history: readonly Message[],
  target: { readonly connection: ProviderConnection; readonly model: string },
  signal: AbortSignal,
) => Promise<AttachmentContent | undefined>;

export function attachmentPreparer(store: AttachmentStore, catalog: ModelCatalog): PrepareAttachments {
  return async (history, { connection, model }, signal) => {
    const parts = attachmentsIn(history);
    if (parts.length === 0) return undefined;
    // Only images and PDFs depend on the model; the provider's list says what it reads, if anything.
    const listed = parts.some((part) => part.kind !== 'text') ? await catalog.models(connection, signal) : undefined;
    const inputs = modelInputs(connection, model, listed);
    checkImagesReadable(history, model, inputs);
    return prepareAttachmentContent(history, store, model, inputs);
  };
}
