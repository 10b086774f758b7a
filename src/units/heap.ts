// A keyed min-heap of instants: one structure for every
// incident's wake-up, so the app needs one timer for the earliest instant and
// none per incident. Setting a key again moves it; O(log n) per change.
export class InstantHeap {
  private readonly keys: string[] = [];
  private readonly at: number[] = [];
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.keys.length;
  }

  /** The instant of `key`, if it is in the heap. */
  get(key: string): number | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.at[i];
  }

  /** Puts `key` at `instant`, moving it if it was there. */
  set(key: string, instant: number): void {
    const i = this.index.get(key);
    if (i === undefined) {
      this.keys.push(key);
      this.at.push(instant);
      this.index.set(key, this.keys.length - 1);
      this.up(this.keys.length - 1);
      return;
    }
    const before = this.at[i]!;
    this.at[i] = instant;
    if (instant < before) this.up(i);
    else this.down(i);
  }

  delete(key: string): boolean {
    const i = this.index.get(key);
    if (i === undefined) return false;
    const last = this.keys.length - 1;
    this.swap(i, last);
    this.keys.pop();
    this.at.pop();
    this.index.delete(key);
    if (i < last) {
      this.up(i);
      this.down(i);
    }
    return true;
  }

  /** The earliest instant, or null when empty. */
  peek(): { key: string; at: number } | null {
    return this.keys.length === 0 ? null : { key: this.keys[0]!, at: this.at[0]! };
  }

  /** Removes and returns every key whose instant is at or before `now`, earliest first. */
  popDue(now: number): { key: string; at: number }[] {
    const due: { key: string; at: number }[] = [];
    for (let top = this.peek(); top && top.at <= now; top = this.peek()) {
      due.push(top);
      this.delete(top.key);
    }
    return due;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.at[parent]! <= this.at[i]!) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.keys.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < n && this.at[l]! < this.at[least]!) least = l;
      if (r < n && this.at[r]! < this.at[least]!) least = r;
      if (least === i) return;
      this.swap(i, least);
      i = least;
    }
  }

  private swap(i: number, j: number): void {
    if (i === j) return;
    [this.keys[i], this.keys[j]] = [this.keys[j]!, this.keys[i]!];
    [this.at[i], this.at[j]] = [this.at[j]!, this.at[i]!];
    this.index.set(this.keys[i], i);
    this.index.set(this.keys[j], j);
  }
}
