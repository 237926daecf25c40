// KaTeX's layout and its fonts, bundled with the app (the CSP allows fonts from the app only); loaded
// with KaTeX itself (lazyMath.ts).
import 'katex/dist/katex.min.css';
