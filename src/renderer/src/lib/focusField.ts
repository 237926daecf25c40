/**
 * Puts the cursor in the text field with this id (selecting its text). A field that is not on screen
 * yet (a sidebar opening, a view changing) is looked for again on the next frames, a few times.
 */
export function focusField(id: string, tries = 10): void {
  const element = document.getElementById(id);
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    element.focus();
    element.select();
  } else if (tries > 0) {
    requestAnimationFrame(() => focusField(id, tries - 1));
  }
}
