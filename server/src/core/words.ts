// Wording shared by every message that counts something: "1 file", "2 files".

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
