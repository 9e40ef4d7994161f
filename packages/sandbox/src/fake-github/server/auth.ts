/** What a token may do. */
export interface TokenGrant {
  readonly login: string;
  readonly access: 'read' | 'write';
}

/** The tokens a fake GitHub accepts unless told otherwise. */
export const defaultTokens: Readonly<Record<string, TokenGrant>> = {
  'read-token': { login: 'patchloop-reader', access: 'read' },
  'write-token': { login: 'patchloop-bot', access: 'write' },
};

/** The grant for an `Authorization: token X` / `Bearer X` header, or undefined (GitHub answers 401). */
export function resolveToken(
  header: string | undefined,
  tokens: Readonly<Record<string, TokenGrant>>,
): TokenGrant | undefined {
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? '');
  const token = match?.[1];
  return token === undefined ? undefined : Object.hasOwn(tokens, token) ? tokens[token] : undefined;
}
