import { longLineParagraph, openCodeFence } from '../../tests/fixtures/adversarialMarkdown';

/**
 * The benchmark's text: a long reply with many code blocks, streamed in fixed-size deltas, and the
 * earlier messages of the conversation it streams into. Deterministic, so runs compare.
 */

export const REPLY_CHARS = 60_000;
export const HISTORY_MESSAGES = 500;
/** Characters per delta: what a window receives per coalesced update. */
export const DELTA_CHARS = 200;
/** One delta per coalescing period (33 ms), the pace at which the core sends text to a window. */
export const DELTA_INTERVAL_MS = 33;
/** Appears once, at the very end of the reply: its arrival in the DOM ends the measurement. */
export const END_MARKER = 'NAVIBENCHEND7319';

const LANGUAGES = ['ts', 'python', 'bash', 'json', 'rust', 'go', 'sql', 'tsx'] as const;

function codeBlock(language: (typeof LANGUAGES)[number], index: number): string {
  switch (language) {
    case 'ts':
    case 'tsx':
      return [
        `export async function step${index}(input: readonly number[]): Promise<number> {`,
        `  const total = input.reduce((sum, value) => sum + value * ${index}, 0);`,
        `  if (total > ${index * 10}) throw new Error(\`too large: \${total}\`);`,
        `  return await Promise.resolve(total / Math.max(1, input.length));`,
        `}`,
      ].join('\n');
    case 'python':
      return [
        `def step_${index}(values: list[int]) -> float:`,
        `    """Average of the values times ${index}."""`,
        `    total = sum(v * ${index} for v in values)`,
        `    return total / max(1, len(values))`,
      ].join('\n');
    case 'bash':
      return [
        `set -euo pipefail`,
        `for file in ./logs/*.log; do`,
        `  grep -c "step ${index}" "$file" || true`,
        `done`,
      ].join('\n');
    case 'json':
      return JSON.stringify({ step: index, retries: index % 5, tags: ['bench', `s${index}`], enabled: true }, null, 2);
    case 'rust':
      return [`fn step_${index}(values: &[i64]) -> i64 {`, `    values.iter().map(|v| v * ${index}).sum()`, `}`].join(
        '\n',
      );
    case 'go':
      return [
        `func Step${index}(values []int) int {`,
        `\ttotal := 0`,
        `\tfor _, v := range values {`,
        `\t\ttotal += v * ${index}`,
        `\t}`,
        `\treturn total`,
        `}`,
      ].join('\n');
    case 'sql':
      return `SELECT id, title, created_at\nFROM sessions\nWHERE updated_at > ${index * 1000}\nORDER BY updated_at DESC\nLIMIT ${index};`;
  }
}

function section(index: number): string {
  const language = LANGUAGES[index % LANGUAGES.length]!;
  return [
    `### Step ${index + 1}: ${language} helper`,
    '',
    `This step keeps **state ${index}** small and uses \`step${index}\` from the previous section; the`,
    `result feeds the next one, so a failure here stops the chain early.`,
    '',
    `- checks its input (${index % 7} rules)`,
    `- retries at most ${index % 4} times`,
    '',
    '```' + language,
    codeBlock(language, index),
    '```',
    '',
  ].join('\n');
}

/** About REPLY_CHARS of markdown: headings, lists, inline code and one code block per section. */
export function benchReply(): string {
  let text = '## A long answer\n\nHere is the whole plan, one step at a time.\n\n';
  for (let index = 0; text.length < REPLY_CHARS - 200; index++) text += section(index);
  return `${text}That is all of it. ${END_MARKER}\n`;
}

/** The reply cut into `size`-character pieces, in order. */
export function replyDeltas(reply: string = benchReply(), size = DELTA_CHARS): string[] {
  const deltas: string[] = [];
  for (let at = 0; at < reply.length; at += size) deltas.push(reply.slice(at, at + size));
  return deltas;
}

/** One kind of reply the benchmark streams, and how fast. */
export interface StreamCase {
  readonly name: string;
  readonly deltas: readonly string[];
  readonly intervalMs: number;
}

/**
 * The replies streamed: a typical long answer, and the two that make a renderer's cost grow with
 * the reply (one 120,000-character paragraph, one 60,000-character code block still open).
 */
export function streamCases(): StreamCase[] {
  const paragraph = `${longLineParagraph(120_000).trimEnd()} ${END_MARKER}\n`;
  const code = `${openCodeFence(60_000)}// ${END_MARKER}\n`;
  return [
    { name: `${REPLY_CHARS / 1000}k-char reply with code`, deltas: replyDeltas(), intervalMs: DELTA_INTERVAL_MS },
    { name: '120k-char paragraph', deltas: replyDeltas(paragraph, 400), intervalMs: DELTA_INTERVAL_MS },
    { name: '60k-char open code block', deltas: replyDeltas(code, 400), intervalMs: DELTA_INTERVAL_MS },
  ];
}

export interface HistoryMessage {
  readonly role: 'user' | 'assistant';
  readonly text: string;
}

/** The conversation before the reply: questions and answers, every fourth answer with code. */
export function benchHistory(): HistoryMessage[] {
  const messages: HistoryMessage[] = [];
  for (let index = 0; index < HISTORY_MESSAGES; index++) {
    if (index % 2 === 0) {
      messages.push({ role: 'user', text: `Question ${index / 2 + 1}: how does step ${index} behave on empty input?` });
    } else {
      const code = index % 4 === 1 ? `\n\n\`\`\`ts\n${codeBlock('ts', index)}\n\`\`\`\n` : '';
      messages.push({
        role: 'assistant',
        text: `On empty input **step ${index}** returns \`0\` and never throws.${code}\n\nIt also logs a warning once.`,
      });
    }
  }
  return messages;
}

/** The message that starts the streamed reply. */
export const PROMPT = 'Write the whole plan in detail, with code for every step.';
