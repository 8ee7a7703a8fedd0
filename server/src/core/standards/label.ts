/**
 * A clause as cited in messages: "ISO 13485:2016 7.3.2", and "21 CFR 820.10" rather than
 * "21 CFR 820 820.10" (a CFR section's number starts with its part).
 */
export function clauseLabel(standardTitle: string, clauseId: string): string {
  const last = standardTitle.split(' ').pop() ?? '';
  if (last && clauseId.startsWith(last + '.')) return standardTitle.slice(0, standardTitle.length - last.length) + clauseId;
  return `${standardTitle} ${clauseId}`;
}
