import { z } from 'zod';
import { defineService, method } from '../rpc/service';
import { ATTACHMENT_CHUNK_BYTES, attachmentTooLarge, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME_CHARS } from './limits';

/** What Navi does with a file: images go to the model as images, PDFs as files or their text, text inline. */
export const AttachmentKind = z.enum(['image', 'pdf', 'text']);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

/** An attachment's id is the SHA-256 of its bytes (hex): the same file is stored once. */
export const AttachmentId = z.string().regex(/^[0-9a-f]{64}$/, 'That is not an attachment id.');

/** A stored file as a message refers to it. The bytes live in the data directory, never in the message. */
export const AttachmentInfo = z.object({
  id: z.string(),
  /** The name the person attached it under (the same bytes may be attached under other names). */
  name: z.string(),
  kind: AttachmentKind,
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
  /** PDFs: how many pages. */
  pages: z.number().int().nonnegative().optional(),
  /** Text files, and the text extracted from a PDF: how many lines. */
  lines: z.number().int().nonnegative().optional(),
});
export type AttachmentInfo = z.infer<typeof AttachmentInfo>;

/** A file attached to a person's message. */
export const AttachmentPart = AttachmentInfo.extend({ type: z.literal('attachment') });
export type AttachmentPart = z.infer<typeof AttachmentPart>;

const FileName = z
  .string()
  .trim()
  .min(1, 'A file needs a name.')
  .max(4 * MAX_ATTACHMENT_NAME_CHARS, `A file name can have at most ${MAX_ATTACHMENT_NAME_CHARS} characters.`);

/** An uploaded file to attach to the message being sent, under the name it was attached with. */
export const AttachmentRef = z.object({ id: AttachmentId, name: FileName });
export type AttachmentRef = z.infer<typeof AttachmentRef>;

const UploadId = z.string().min(1).max(100);
/** Base64 of at most ATTACHMENT_CHUNK_BYTES bytes. */
const ChunkData = z
  .string()
  .max(Math.ceil(ATTACHMENT_CHUNK_BYTES / 3) * 4, `A chunk can carry at most ${ATTACHMENT_CHUNK_BYTES} bytes.`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'A chunk must be base64.');

export const BeginUploadInput = z
  .object({
    name: FileName,
    size: z.number().int().nonnegative(),
    /** What the window was told the file is (often empty or wrong: the core looks at the bytes). */
    mediaType: z.string().max(200),
  })
  .superRefine((input, context) => {
    const problem = attachmentTooLarge(input.name, input.size);
    if (problem) context.addIssue({ code: 'custom', path: ['size'], message: problem });
    if (input.size === 0) context.addIssue({ code: 'custom', path: ['size'], message: `“${input.name}” is empty.` });
  });
export type BeginUploadInput = z.infer<typeof BeginUploadInput>;

/** A page of a stored file (`read`) or of its text (`readText`). */
const Page = z.object({
  /** Base64 bytes (`read`) or characters (`readText`). */
  data: z.string(),
  offset: z.number().int().nonnegative(),
  /** Bytes of the file, or characters of the text, in all. */
  total: z.number().int().nonnegative(),
});

/**
 * Files attached to messages. A window uploads a file in chunks small enough for any transport's
 * frame limit (begin, chunk in order, finish); the core checks what it is and stores it once by
 * content. An upload belongs to the connection that began it and is thrown away with that
 * connection; a finished upload is kept while that connection lives, until a message refers to it.
 */
export const attachmentsService = defineService('attachments', {
  begin: method({
    input: BeginUploadInput,
    output: z.object({ uploadId: z.string(), chunkBytes: z.number().int().positive() }),
  }),
  /** The next bytes of an upload, in order (`offset`: how many were sent before). */
  chunk: method({
    input: z.object({ uploadId: UploadId, offset: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES), data: ChunkData }),
    output: z.object({ received: z.number().int() }),
  }),
  /** Checks and stores the upload; refuses what Navi cannot attach, with the reason. */
  finish: method({ input: z.object({ uploadId: UploadId }), output: AttachmentInfo }),
  /** Drops an upload in progress, or an uploaded file the person removed before sending. */
  discard: method({
    input: z.object({ uploadId: UploadId.optional(), id: AttachmentId.optional() }),
    output: z.object({ discarded: z.boolean() }),
  }),
  /** Bytes of a stored file, from `offset`, at most ATTACHMENT_CHUNK_BYTES at a time. */
  read: method({
    input: z.object({ id: AttachmentId, offset: z.number().int().nonnegative().optional() }),
    output: Page.extend({ mediaType: z.string() }),
  }),
  /** Text of a text file, or the text extracted from a PDF, from `offset` (characters), a page at a time. */
  readText: method({
    input: z.object({ id: AttachmentId, offset: z.number().int().nonnegative().optional() }),
    output: Page,
  }),
});
