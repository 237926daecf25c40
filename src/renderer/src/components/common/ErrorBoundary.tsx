import { Component, type ErrorInfo, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  readonly children: ReactNode;
  /** What is shown instead; `retry` renders the children again (after the data changed, say). */
  readonly fallback: (retry: () => void) => ReactNode;
  /** When this changes, a failed subtree is tried again (a new route, an updated record). */
  readonly resetKey?: unknown;
}

interface ErrorBoundaryState {
  readonly failed: boolean;
  readonly resetKey: unknown;
}

/**
 * Keeps one broken record or view from blanking the page: what failed to render is replaced by a
 * short notice, and the rest keeps working. The error goes to the console once, with where it was.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<ErrorBoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(
    props: ErrorBoundaryProps,
    state: ErrorBoundaryState,
  ): Partial<ErrorBoundaryState> | null {
    return Object.is(props.resetKey, state.resetKey) ? null : { failed: false, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('A part of the page could not be shown:', error, info.componentStack);
  }

  private readonly retry = (): void => this.setState({ failed: false });

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback(this.retry) : this.props.children;
  }
}

/** The usual notice: "Navi could not show this recall." with a way to try again. */
export function RenderFailure({ what, retry }: { readonly what: string; readonly retry: () => void }) {
  return (
    <div className="render-failure" role="alert">
      <span>Navi could not show {what}.</span>
      <button type="button" className="button small" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
