import { comboText } from '../../lib/shortcuts';
import { useThemeStore, type ThemeChoice } from '../../stores/themeStore';
import { useUiStore } from '../../stores/uiStore';

const THEMES: readonly { value: ThemeChoice; label: string; hint: string }[] = [
  { value: 'system', label: 'System', hint: 'Light or dark as your computer is set' },
  { value: 'light', label: 'Light', hint: 'Always light' },
  { value: 'dark', label: 'Dark', hint: 'Always dark' },
];

/** How Navi looks and is used: the theme (saved at once on this machine) and the keyboard shortcuts sheet. */
export function AppearanceSection() {
  const choice = useThemeStore((state) => state.choice);
  const choose = useThemeStore((state) => state.choose);
  return (
    <section className="settings-section" aria-labelledby="appearance-heading">
      <h3 id="appearance-heading">Appearance</h3>
      <fieldset className="kind-choice">
        <legend>Theme</legend>
        {THEMES.map((theme) => (
          <label key={theme.value} className={`kind-option${choice === theme.value ? ' selected' : ''}`}>
            <input
              type="radio"
              name="theme"
              value={theme.value}
              checked={choice === theme.value}
              onChange={() => choose(theme.value)}
            />
            <span className="kind-label">{theme.label}</span>
            <span className="kind-hint">{theme.hint}</span>
          </label>
        ))}
      </fieldset>
      <p className="appearance-keys">
        <button type="button" className="button" onClick={() => useUiStore.getState().setShortcutsOpen(true)}>
          Keyboard shortcuts
        </button>
        <span className="field-hint">Or press ? (outside a text field) or {comboText(['Mod', '/'])} anywhere.</span>
      </p>
    </section>
  );
}
