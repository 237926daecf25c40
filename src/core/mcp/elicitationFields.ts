import type { ElicitRequestFormParams, PrimitiveSchemaDefinition } from '@modelcontextprotocol/sdk/types.js';
import type { ElicitationField, ElicitationOption } from '../../shared/contract/elicitation';

/** At most this many fields and options per question: a server cannot flood the chat. */
export const MAX_ELICITATION_FIELDS = 50;
export const MAX_ELICITATION_OPTIONS = 200;
const MAX_LABEL = 500;
const MAX_DESCRIPTION = 2_000;

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function options(values: readonly string[], labels?: readonly string[]): ElicitationOption[] {
  return values.slice(0, MAX_ELICITATION_OPTIONS).map((value, index) => ({ value, label: labels?.[index] ?? value }));
}

function titled(list: readonly { const: string; title: string }[]): ElicitationOption[] {
  return list.slice(0, MAX_ELICITATION_OPTIONS).map((item) => ({ value: item.const, label: item.title }));
}

type Definition = PrimitiveSchemaDefinition & Record<string, unknown>;

/**
 * One property of the server's requested schema as a form field. The SDK has already checked the
 * request against MCP's primitive schema (strings, numbers, booleans, single and multiple choice).
 */
function toField(name: string, definition: Definition, required: boolean): ElicitationField {
  const base = {
    name,
    label: clip(typeof definition.title === 'string' && definition.title ? definition.title : name, MAX_LABEL),
    description: typeof definition.description === 'string' ? clip(definition.description, MAX_DESCRIPTION) : null,
    required,
  };
  if (definition.type === 'array') {
    const items = (definition.items ?? {}) as { enum?: string[]; anyOf?: { const: string; title: string }[] };
    return {
      ...base,
      kind: 'multi-choice',
      options: items.anyOf ? titled(items.anyOf) : options(items.enum ?? []),
      minItems: numberOrNull(definition.minItems),
      maxItems: numberOrNull(definition.maxItems),
      default: Array.isArray(definition.default) ? (definition.default as string[]) : null,
    };
  }
  if (definition.type === 'boolean') {
    return { ...base, kind: 'boolean', default: typeof definition.default === 'boolean' ? definition.default : null };
  }
  if (definition.type === 'number' || definition.type === 'integer') {
    return {
      ...base,
      kind: 'number',
      integer: definition.type === 'integer',
      minimum: numberOrNull(definition.minimum),
      maximum: numberOrNull(definition.maximum),
      default: numberOrNull(definition.default),
    };
  }
  const defaultText = typeof definition.default === 'string' ? definition.default : null;
  if (Array.isArray(definition.oneOf)) {
    return {
      ...base,
      kind: 'choice',
      options: titled(definition.oneOf as { const: string; title: string }[]),
      default: defaultText,
    };
  }
  if (Array.isArray(definition.enum)) {
    const labels = Array.isArray(definition.enumNames) ? (definition.enumNames as string[]) : undefined;
    return { ...base, kind: 'choice', options: options(definition.enum as string[], labels), default: defaultText };
  }
  const format = definition.format;
  return {
    ...base,
    kind: 'text',
    format: format === 'email' || format === 'uri' || format === 'date' || format === 'date-time' ? format : null,
    minLength: numberOrNull(definition.minLength),
    maxLength: numberOrNull(definition.maxLength),
    default: defaultText,
  };
}

/** The fields of a form-mode elicitation request, in the order the server listed them. */
export function elicitationFields(params: ElicitRequestFormParams): ElicitationField[] {
  const required = new Set(params.requestedSchema.required ?? []);
  return Object.entries(params.requestedSchema.properties)
    .slice(0, MAX_ELICITATION_FIELDS)
    .map(([name, definition]) => toField(name, definition as Definition, required.has(name)));
}
