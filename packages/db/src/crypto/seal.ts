import { decrypt, encrypt } from './keyring';

/**
 * Sealing values under a record's data key. Text becomes `enc:v1:` + base64, so it fits the
 * column it was in; JSON becomes `{ "sealed": base64 }`; bytes are sealed as they are. The
 * associated data names the record and field, so a sealed value cannot be moved elsewhere.
 */
const PREFIX = 'enc:v1:';

export const aadOf = (entityType: string, entityId: string, field: string) => `${entityType}:${entityId}:${field}`;

export const isSealedText = (value: unknown): value is string => typeof value === 'string' && value.startsWith(PREFIX);

export function sealText(dataKey: Uint8Array, aad: string, text: string): string {
  return PREFIX + encrypt(dataKey, Buffer.from(text, 'utf8'), aad).toString('base64');
}

export function openText(dataKey: Uint8Array, aad: string, sealed: string): string {
  return decrypt(dataKey, Buffer.from(sealed.slice(PREFIX.length), 'base64'), aad).toString('utf8');
}

export interface SealedJson {
  sealed: string;
}

export const isSealedJson = (value: unknown): value is SealedJson =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { sealed?: unknown }).sealed === 'string';

export function sealJson(dataKey: Uint8Array, aad: string, value: unknown): SealedJson {
  return { sealed: encrypt(dataKey, Buffer.from(JSON.stringify(value ?? null), 'utf8'), aad).toString('base64') };
}

export function openJson(dataKey: Uint8Array, aad: string, value: SealedJson): unknown {
  return JSON.parse(decrypt(dataKey, Buffer.from(value.sealed, 'base64'), aad).toString('utf8')) as unknown;
}

export const sealBytes = (dataKey: Uint8Array, aad: string, bytes: Uint8Array) => encrypt(dataKey, bytes, aad);
export const openBytes = (dataKey: Uint8Array, aad: string, sealed: Uint8Array) => decrypt(dataKey, sealed, aad);
