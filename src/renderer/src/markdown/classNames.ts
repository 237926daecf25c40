/**
 * Streamdown's `twMerge`, as the page ships it (aliased in electron.vite.config.ts; tests in Node
 * load Streamdown unbundled, with tailwind-merge): the class names joined, each once. tailwind-merge resolves conflicts between
 * Tailwind utilities, but Navi ships no Tailwind CSS (its styles select Streamdown's
 * `data-streamdown` attributes), so that resolution changed nothing on screen, and the first call
 * built tailwind-merge's whole class map inside the page's loading (Streamdown calls it as its
 * module evaluates): tens of milliseconds of every window's first paint.
 */
export function twMerge(...classLists: ReadonlyArray<string | false | null | undefined | 0>): string {
  const names = new Set<string>();
  for (const list of classLists) {
    if (!list) continue;
    for (const name of list.split(/\s+/)) if (name) names.add(name);
  }
  return [...names].join(' ');
}
