// Applies the theme chosen in Settings before the page's first paint (a blocking script in
// <head>: the page's policy allows no inline script). Storage key and values as in
// src/stores/themeStore.ts; "system" (no attribute) lets the stylesheet follow the OS.
(function () {
  try {
    var theme = window.localStorage.getItem('navi.theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
  } catch {
    // Storage blocked: the system's theme.
  }
})();
