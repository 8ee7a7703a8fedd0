// Array helpers that take arrays of any length. Spreading an array into a call
// (`out.push(...items)`, `Math.max(...values)`) puts every element on the stack
// as an argument: past about 100 000 it throws "Maximum call stack size
// exceeded", and a hostile document decides the length (id mentions, findings).

/** Appends `items` to `target`, one by one; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `from` and `values` (-Infinity for none, as Math.max()). */
export function maxOf(values: Iterable<number>, from = -Infinity): number {
  let max = from;
  for (const v of values) max = Math.max(max, v);
  return max;
}

/** The smallest of `from` and `values` (Infinity for none, as Math.min()). */
export function minOf(values: Iterable<number>, from = Infinity): number {
  let min = from;
  for (const v of values) min = Math.min(min, v);
  return min;
}
