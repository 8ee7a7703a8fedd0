// A long run gives way to the event loop now and then: while an editor's folder parses every
// document (thousands of them, seconds of work), the server still answers what waits (the
// response of the request that started it, a keystroke's diagnostics, a cancellation).

/** Every `sliceMs` of work at most, `pace()` yields once to the event loop; otherwise it costs nothing. */
export function pacer(sliceMs = 5): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < sliceMs) return undefined;
    last = now;
    return new Promise((resolve) => setImmediate(resolve));
  };
}
