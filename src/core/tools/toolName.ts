/** The name rule every provider accepts (OpenAI's is the strictest). */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** Returns why a tool name is unusable, or undefined when it is fine. */
export function toolNameProblem(name: string): string | undefined {
  if (TOOL_NAME_PATTERN.test(name)) return undefined;
  if (name.length === 0) return 'A tool name cannot be empty';
  if (name.length > 64) return `The tool name "${name.slice(0, 64)}…" is longer than 64 characters`;
  return `The tool name "${name}" may only contain letters, digits, "_" and "-"`;
}
