import { createHash } from 'node:crypto';

/**
 * Keys for the items of one file, in file order: `<prefix>:` + 16 hex characters of SHA-256 over
 * the item's identity fields and its duplicate index, newline-separated. Items with identical
 * fields are told apart by counting from the END (the last copy gets 0), so deleting an earlier
 * copy keeps the later one's key; line numbers are never part of a key, so inserting lines
 * elsewhere changes nothing (spec autocode-adapters §4.3).
 */
export function keyItems(prefix: string, identities: readonly (readonly string[])[]): string[] {
  const seen = new Map<string, number>();
  const keys: string[] = new Array<string>(identities.length);
  for (let index = identities.length - 1; index >= 0; index -= 1) {
    const fields = identities[index] ?? [];
    const identity = JSON.stringify(fields);
    const duplicateIndex = seen.get(identity) ?? 0;
    seen.set(identity, duplicateIndex + 1);
    const digest = createHash('sha256')
      .update([...fields, String(duplicateIndex)].join('\n'), 'utf8')
      .digest('hex');
    keys[index] = `${prefix}:${digest.slice(0, 16)}`;
  }
  return keys;
}
