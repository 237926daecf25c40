import githubDark from '@shikijs/themes/github-dark';
import githubLight from '@shikijs/themes/github-light';
import { describe, expect, it } from 'vitest';
import { CODE_BACKGROUND } from '../../src/renderer/src/markdown/highlight/highlightProtocol';
import {
  contrastRatio,
  MIN_TEXT_CONTRAST,
  readableOn,
  readableTheme,
} from '../../src/renderer/src/markdown/highlight/readableTheme';

const foregrounds = (theme: typeof githubLight) =>
  (theme.tokenColors ?? []).flatMap((rule) => (rule.settings.foreground ? [rule.settings.foreground] : []));

describe('code colours that read on the code background', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 5);
    // axe's figure (4.26, truncated) for GitHub's keyword red on Navi's light code background.
    expect(contrastRatio('#D73A49', CODE_BACKGROUND.light)).toBeCloseTo(4.27, 2);
  });

  it('moves a colour only as far as it must, toward black on light and white on dark', () => {
    expect(readableOn(CODE_BACKGROUND.light, '#24292e')).toBe('#24292e');
    const red = readableOn(CODE_BACKGROUND.light, '#D73A49');
    expect(contrastRatio(red, CODE_BACKGROUND.light)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(contrastRatio(red, CODE_BACKGROUND.light)).toBeLessThan(5);
    const comment = readableOn(CODE_BACKGROUND.dark, '#6A737D');
    expect(contrastRatio(comment, CODE_BACKGROUND.dark)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(parseInt(comment.slice(1, 3), 16)).toBeGreaterThan(0x6a);
  });

  it('leaves colours it cannot read alone', () => {
    expect(readableOn(CODE_BACKGROUND.light, 'inherit')).toBe('inherit');
  });

  it("gives every token colour of GitHub's light and dark themes AA contrast on Navi's code blocks", () => {
    for (const [theme, background] of [
      [githubLight, CODE_BACKGROUND.light],
      [githubDark, CODE_BACKGROUND.dark],
    ] as const) {
      expect(foregrounds(theme).some((colour) => contrastRatio(colour, background) < MIN_TEXT_CONTRAST)).toBe(true);
      for (const colour of foregrounds(readableTheme(theme, background))) {
        expect(contrastRatio(colour, background)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      }
    }
  });
});
