/** Join codes: 6 characters; people type them in lower case, with spaces or dashes. */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, "").toUpperCase();
}

export function isPlausibleCode(code: string): boolean {
  return /^[A-Z0-9]{6}$/.test(code);
}
