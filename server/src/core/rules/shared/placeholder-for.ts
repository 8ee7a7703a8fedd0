// The prompt a fix writes for a required field it cannot fill in (front-matter-missing,
// field-missing). It reads as a placeholder (placeholders.ts): a prompt, never taken for a value.

/** `effective_date` -> `<enter effective date>`. */
export function placeholderFor(key: string): string {
  return `<enter ${key.replace(/_/g, ' ')}>`;
}
