/**
 * The last lines a server wrote to stderr, for error reports. Bounded in lines and line length so
 * a chatty server cannot grow memory; a partial last line is kept until its newline arrives.
 */
export class StderrTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(
    private readonly maxLines = 20,
    private readonly maxLineLength = 500,
  ) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = this.clip(parts.pop() ?? '');
    for (const line of parts) this.add(line);
  }

  /** The kept lines, oldest first, including an unfinished last line. */
  snapshot(): string[] {
    const lines = this.partial ? [...this.lines, this.partial] : [...this.lines];
    return lines.slice(-this.maxLines);
  }

  clear(): void {
    this.lines.length = 0;
    this.partial = '';
  }

  private add(line: string): void {
    if (line.trim() === '') return;
    this.lines.push(this.clip(line));
    // Bounded by maxLines + 1, so this splice is O(1) amortised.
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
  }

  private clip(line: string): string {
    return line.length > this.maxLineLength ? `${line.slice(0, this.maxLineLength)}…` : line;
  }
}
