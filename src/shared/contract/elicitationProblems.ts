import type { ElicitationContent, ElicitationField, ElicitationValue } from './elicitation';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

function textProblem(field: Extract<ElicitationField, { kind: 'text' }>, value: string): string | undefined {
  if (field.minLength !== null && value.length < field.minLength) return `Enter at least ${field.minLength} characters`;
  if (field.maxLength !== null && value.length > field.maxLength) return `Enter at most ${field.maxLength} characters`;
  if (field.format === 'email' && !EMAIL.test(value)) return 'Enter an email address, e.g. name@example.com';
  if (field.format === 'uri' && !URI.test(value)) return 'Enter a full address, e.g. https://example.com';
  if (field.format === 'date' && !DATE.test(value)) return 'Enter a date as YYYY-MM-DD';
  if (field.format === 'date-time' && !DATE_TIME.test(value)) return 'Enter a date and time';
  return undefined;
}

function valueProblem(field: ElicitationField, value: ElicitationValue): string | undefined {
  switch (field.kind) {
    case 'text':
      return typeof value === 'string' ? textProblem(field, value) : 'Enter text';
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Enter a number';
      if (field.integer && !Number.isInteger(value)) return 'Enter a whole number';
      if (field.minimum !== null && value < field.minimum) return `Enter ${field.minimum} or more`;
      if (field.maximum !== null && value > field.maximum) return `Enter ${field.maximum} or less`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'Choose yes or no';
    case 'choice':
      return typeof value === 'string' && field.options.some((option) => option.value === value)
        ? undefined
        : 'Choose one of the options';
    case 'multi-choice': {
      if (!Array.isArray(value) || !value.every((item) => field.options.some((option) => option.value === item)))
        return 'Choose from the options';
      if (field.minItems !== null && value.length < field.minItems)
        return `Choose at least ${field.minItems} option${field.minItems === 1 ? '' : 's'}`;
      if (field.maxItems !== null && value.length > field.maxItems)
        return `Choose at most ${field.maxItems} option${field.maxItems === 1 ? '' : 's'}`;
      return undefined;
    }
  }
}

function isEmpty(value: ElicitationValue | undefined): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** What is wrong with an answer, per field name (empty when it can be sent). Unknown fields are refused too. */
export function elicitationProblems(
  fields: readonly ElicitationField[],
  content: ElicitationContent,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const known = new Set(fields.map((field) => field.name));
  for (const name of Object.keys(content)) if (!known.has(name)) problems[name] = 'The server did not ask for this';
  for (const field of fields) {
    const value = content[field.name];
    if (isEmpty(value)) {
      if (field.required) problems[field.name] = 'This is required';
      continue;
    }
    const problem = valueProblem(field, value!);
    if (problem) problems[field.name] = problem;
  }
  return problems;
}
