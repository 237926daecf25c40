// The few globals every runtime Navi's shared code runs in provides (Node, browsers, Electron's
// sandboxed preload). Shared code is type-checked without DOM or Node types, so only these exist.
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T): T;
declare const console: {
  error(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  info(...data: unknown[]): void;
  log(...data: unknown[]): void;
};
declare class TextDecoder {
  decode(input?: ArrayBuffer | ArrayBufferView): string;
}
declare class AbortSignal extends EventTarget {
  readonly aborted: boolean;
  readonly reason: unknown;
  static abort(reason?: unknown): AbortSignal;
}
declare class AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare class EventTarget {
  addEventListener(type: string, listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: string, listener: () => void): void;
}
