import type { Loc } from '../analysis/ir.js';

/** Offset → line/column (1-based line, 1-based column) by binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.text.endsWith('\n') ? this.starts.length - 1 : this.starts.length;
  }

  private last = 0;

  lineOf(offset: number): number {
    // Nodes are mostly visited in source order: try the line of the previous lookup first.
    const l = this.last;
    if (offset >= (this.starts[l] ?? 0) && (l + 1 >= this.starts.length || offset < this.starts[l + 1]!))
      return l + 1;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.last = lo;
    return lo + 1;
  }

  loc(start: number, end: number): Loc {
    const line = this.lineOf(start);
    const endLine = this.lineOf(Math.max(start, end - 1));
    return {
      line,
      column: start - (this.starts[line - 1] ?? 0) + 1,
      endLine,
      endColumn: end - (this.starts[endLine - 1] ?? 0) + 1,
    };
  }

  lines(): string[] {
    return this.text.split(/\r?\n/);
  }
}
