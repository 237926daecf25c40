/** How this machine writes the shortcut modifier in labels: "⌘" on Apple systems, "Ctrl+" elsewhere. */
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl+';
