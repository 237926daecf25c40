import type { z } from 'zod';

export type FieldErrors = Readonly<Record<string, string>>;

/** The first message per field of a failed validation (a form-wide one under ''). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.');
    errors[field] ??= issue.message;
  }
  return errors;
}
