/** Collects one output stream of a child process under a byte cap. */
export interface OutputCapture {
  /** Adds a chunk; once over the cap the oldest bytes are dropped. */
  push(chunk: Uint8Array): void;
  /** The kept bytes decoded as UTF-8 (a character cut by the cap is dropped, not mangled). */
  text(): string;
  /** True once any byte was dropped. */
  readonly truncated: boolean;
}

/**
 * Creates a capture that keeps the NEWEST `maxBytes` bytes: coding CLIs print their final
 * answer (or final JSON event) last, so the tail is the part worth keeping.
 */
export function createOutputCapture(maxBytes: number): OutputCapture {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;

  const dropOldest = (): void => {
    while (size > maxBytes) {
      const first = chunks[0];
      if (first === undefined) return;
      const excess = size - maxBytes;
      truncated = true;
      if (first.length <= excess) {
        chunks.shift();
        size -= first.length;
      } else {
        chunks[0] = first.subarray(excess);
        size -= excess;
      }
    }
  };

  return {
    push(chunk) {
      chunks.push(Buffer.from(chunk));
      size += chunk.length;
      dropOldest();
    },
    text() {
      const bytes = Buffer.concat(chunks);
      // After dropping a head, the first bytes may be the continuation of a multi-byte character.
      let start = 0;
      if (truncated) {
        while (start < bytes.length && ((bytes[start] ?? 0) & 0xc0) === 0x80) start += 1;
      }
      return bytes.subarray(start).toString('utf8');
    },
    get truncated() {
      return truncated;
    },
  };
}
