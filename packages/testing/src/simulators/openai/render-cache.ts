/** A tiny LRU: rendering an MP4 takes long enough that repeated downloads must not redo it. */
export class RenderCache {
  readonly #entries = new Map<string, Uint8Array>();

  constructor(private readonly capacity = 8) {}

  get(key: string, render: () => Uint8Array): Uint8Array {
    const cached = this.#entries.get(key);
    if (cached !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached;
    }
    const bytes = render();
    this.#entries.set(key, bytes);
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}
