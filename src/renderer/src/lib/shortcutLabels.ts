import { comboText } from './shortcuts';

/** How this machine writes the shortcut modifier in labels: "⌘" on Apple systems, "Ctrl+" elsewhere. */
export const MOD = comboText(['Mod', '']);
