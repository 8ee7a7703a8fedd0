// The next free id with a duplicate id's own prefix (SOP-004 -> SOP-012 when SOP-011 is the
// highest SOP- id): one more than the highest number in use with that prefix, padded like the
// widest of them, and never an id any document already has or declares.

export function nextIdAfter(id: string, inUse: Iterable<string>): string | undefined {
  const split = (s: string) => /^(.*\D|)(\d+)$/.exec(s);
  const own = split(id);
  if (!own) return undefined;
  const prefix = own[1];
  const taken = new Set(inUse);
  // BigInt: a number of 2^53 or more would not grow by one as a Number.
  let max = 0n;
  let width = own[2].length;
  for (const other of taken) {
    const m = split(other);
    if (!m || m[1] !== prefix) continue;
    if (BigInt(m[2]) > max) max = BigInt(m[2]);
    width = Math.max(width, m[2].length);
  }
  let n = max + 1n;
  while (taken.has(prefix + String(n).padStart(width, '0'))) n++;
  return prefix + String(n).padStart(width, '0');
}
