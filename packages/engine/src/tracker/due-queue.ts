type Entry = { id: string; dueAt: number; version: number };

/**
 * A min-heap of job ids by due time. Rescheduling pushes a new entry and bumps the id's version, so stale
 * entries are skipped when they surface (no search, O(log n) per change).
 */
export class DueQueue {
  private readonly heap: Entry[] = [];
  private readonly versions = new Map<string, number>();
  private counter = 0;

  get size(): number {
    return this.versions.size;
  }

  has(id: string): boolean {
    return this.versions.has(id);
  }

  schedule(id: string, dueAt: number): void {
    const version = ++this.counter;
    this.versions.set(id, version);
    this.push({ id, dueAt, version });
    // Stale entries pile up only if a job is rescheduled far more often than it is due; compact then.
    if (this.heap.length > 2 * this.versions.size + 1024) this.compact();
  }

  remove(id: string): void {
    this.versions.delete(id);
  }

  /** The earliest due time, skipping stale entries. */
  peekDueAt(): number | undefined {
    this.dropStale();
    return this.heap[0]?.dueAt;
  }

  /** Removes and returns the earliest id if it is due at `now`. */
  popDue(now: number): string | undefined {
    this.dropStale();
    const top = this.heap[0];
    if (!top || top.dueAt > now) return undefined;
    this.pop();
    this.versions.delete(top.id);
    return top.id;
  }

  private dropStale(): void {
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      if (this.versions.get(top.id) === top.version) return;
      this.pop();
    }
  }

  private compact(): void {
    const live = this.heap.filter((entry) => this.versions.get(entry.id) === entry.version);
    this.heap.length = 0;
    for (const entry of live) this.push(entry);
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (heap[parent]!.dueAt <= entry.dueAt) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]!.dueAt < heap[left]!.dueAt ? right : left;
      if (heap[child]!.dueAt >= last.dueAt) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = last;
  }
}
