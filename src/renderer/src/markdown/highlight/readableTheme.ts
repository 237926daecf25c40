import type { ThemeRegistration } from 'shiki/core';

/** WCAG AA for normal-size text, which code is. */
export const MIN_TEXT_CONTRAST = 4.5;

type Rgb = readonly [number, number, number];

function parseHex(hex: string): Rgb | undefined {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(hex);
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})(?:[0-9a-f]{2})?$/i.exec(hex);
  const [, r, g, b] = (short ?? long ?? []).map((digits) => (digits.length === 1 ? digits + digits : digits));
  if (r === undefined || g === undefined || b === undefined) return undefined;
  return [parseInt(r, 16), parseInt(g, 16), parseInt(b, 16)];
}

const toHex = (rgb: Rgb): string =>
  `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;

function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [x, y] = [parseHex(a), parseHex(b)];
  if (!x || !y) return 1;
  const [lx, ly] = [luminance(x), luminance(y)];
  return (Math.max(lx, ly) + 0.05) / (Math.min(lx, ly) + 0.05);
}

/**
 * The colour moved just far enough toward black (on a light background) or white (on a dark one)
 * to reach `min` contrast; colours that already reach it, or are not plain hex, are returned as given.
 * Alpha is dropped from colours that had to move.
 */
export function readableOn(background: string, colour: string, min = MIN_TEXT_CONTRAST): string {
  const from = parseHex(colour);
  const behind = parseHex(background);
  if (!from || !behind || contrastRatio(colour, background) >= min) return colour;
  const target: Rgb = luminance(behind) > 0.18 ? [0, 0, 0] : [255, 255, 255];
  for (let step = 1; step <= 50; step += 1) {
    const t = step / 50;
    const toward = (channel: number, goal: number) => channel + (goal - channel) * t;
    const moved = toHex([toward(from[0], target[0]), toward(from[1], target[1]), toward(from[2], target[2])]);
    if (contrastRatio(moved, background) >= min) return moved;
  }
  return toHex(target);
}

/**
 * A copy of a Shiki theme whose token colours all read on the window's code background. GitHub's
 * themes were made for their own background; on Navi's code blocks some keywords, parameters and
 * comments fell to 3.3–4.5:1 (axe, tests/e2e/accessibility.test.ts).
 */
export function readableTheme(theme: ThemeRegistration, background: string): ThemeRegistration {
  return {
    ...theme,
    fg: theme.fg ? readableOn(background, theme.fg) : theme.fg,
    colors: theme.colors
      ? Object.fromEntries(
          Object.entries(theme.colors).map(([key, value]) => [
            key,
            key === 'editor.foreground' ? readableOn(background, value) : value,
          ]),
        )
      : theme.colors,
    tokenColors: theme.tokenColors?.map((rule) =>
      rule.settings.foreground
        ? { ...rule, settings: { ...rule.settings, foreground: readableOn(background, rule.settings.foreground) } }
        : rule,
    ),
  };
}
