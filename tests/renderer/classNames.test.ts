import { twMerge as tailwindMerge } from 'tailwind-merge';
import { describe, expect, it } from 'vitest';
import { twMerge } from '../../src/renderer/src/markdown/classNames';

describe("the page's class merging for Streamdown", () => {
  it('joins the class lists, each name once, skipping empty ones', () => {
    expect(twMerge('a  b', undefined, 'b c', false, null, '', ' d ')).toBe('a b c d');
  });

  it("gives what tailwind-merge gives for the class lists Streamdown's own elements are made with", () => {
    // Streamdown's code block, table and line classes (node_modules/streamdown/dist): no two of
    // them set the same property, so tailwind-merge keeps every one, in order.
    const lists = [
      ['block'],
      ['block', 'before:content-[counter(line)]', 'before:inline-block', 'before:w-6', 'before:mr-4'],
      [
        'markdown-chunk',
        'overflow-y-auto',
        'overflow-x-auto rounded-md border border-border bg-background p-4 text-sm',
      ],
      ['bg-[var(--sdm-bg,inherit)]', 'dark:bg-[var(--shiki-dark-bg,var(--sdm-bg,inherit))]'],
      ['[counter-increment:line_0] [counter-reset:line]'],
    ];
    for (const list of lists) expect(twMerge(...list)).toBe(tailwindMerge(...list));
  });
});
