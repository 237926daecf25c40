import { z } from 'zod';

/**
 * An MCP server asking the person for input (elicitation, form mode). The core turns the server's
 * requested schema (the flat, primitive-only JSON Schema MCP allows) into these fields; the chat
 * shows them as a form and checks an answer with `elicitationProblems` (the core checks it again).
 */
export const ElicitationOption = z.object({ value: z.string(), label: z.string() });
export type ElicitationOption = z.infer<typeof ElicitationOption>;

const FieldBase = z.object({
  /** The property name the answer is keyed by. */
  name: z.string(),
  label: z.string(),
  description: z.string().nullable(),
  required: z.boolean(),
});

export const ElicitationField = z.discriminatedUnion('kind', [
  FieldBase.extend({
    kind: z.literal('text'),
    /** email, uri, date or date-time: shown with the matching input and checked. */
    format: z.enum(['email', 'uri', 'date', 'date-time']).nullable(),
    minLength: z.number().int().nonnegative().nullable(),
    maxLength: z.number().int().nonnegative().nullable(),
    default: z.string().nullable(),
  }),
  FieldBase.extend({
    kind: z.literal('number'),
    integer: z.boolean(),
    minimum: z.number().nullable(),
    maximum: z.number().nullable(),
    default: z.number().nullable(),
  }),
  FieldBase.extend({ kind: z.literal('boolean'), default: z.boolean().nullable() }),
  FieldBase.extend({
    kind: z.literal('choice'),
    options: z.array(ElicitationOption),
    default: z.string().nullable(),
  }),
  FieldBase.extend({
    kind: z.literal('multi-choice'),
    options: z.array(ElicitationOption),
    minItems: z.number().int().nonnegative().nullable(),
    maxItems: z.number().int().nonnegative().nullable(),
    default: z.array(z.string()).nullable(),
  }),
]);
export type ElicitationField = z.infer<typeof ElicitationField>;

/** A question waiting for an answer in a running conversation. Every window shows it; any can answer. */
export const PendingElicitation = z.object({
  id: z.string(),
  /** The tool call during which the server asked (its card shows the form); null when unknown. */
  toolCallId: z.string().nullable(),
  serverName: z.string(),
  message: z.string(),
  fields: z.array(ElicitationField),
});
export type PendingElicitation = z.infer<typeof PendingElicitation>;

export const ElicitationAction = z.enum(['accept', 'decline', 'cancel']);
export type ElicitationAction = z.infer<typeof ElicitationAction>;

export const ElicitationValue = z.union([
  z.string().max(10_000),
  z.number(),
  z.boolean(),
  z.array(z.string()).max(100),
]);
export type ElicitationValue = z.infer<typeof ElicitationValue>;
export const ElicitationContent = z.record(z.string().max(200), ElicitationValue);
export type ElicitationContent = z.infer<typeof ElicitationContent>;

/** Why a question went away: answered by a person, by the recall's unattended rule, or withdrawn. */
export const ElicitationResolution = z.enum(['answered', 'unattended', 'withdrawn']);
export type ElicitationResolution = z.infer<typeof ElicitationResolution>;

// The check has a module of its own, with no schemas: the chat's form imports it without building
// these (a window's first paint evaluates the form's module).
export { elicitationProblems } from './elicitationProblems';
