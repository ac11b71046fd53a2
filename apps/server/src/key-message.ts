import { resolve } from 'node:path';

/** What the person who started the tracker must know about a key file made for them. */
export const keyCreatedMessage = (keyFile: string) =>
  `A new encryption key was created at ${resolve(keyFile)}. It opens all confidential content: back it up now, ` +
  'somewhere apart from the data and its backups (a copy of the data without the key is unreadable, and a lost key cannot be recovered).';
