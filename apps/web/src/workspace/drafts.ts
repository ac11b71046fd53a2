/**
 * Work in progress kept in the browser as the monitor types, so a lost connection, a closed tab or
 * a reload loses nothing. Cleared once the server has the draft.
 */
const PREFIX = 'tracker.evidence-draft.';

export interface StoredDraft<T> {
  savedAt: string;
  values: T;
}

export function loadDraft<T>(key: string): StoredDraft<T> | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as StoredDraft<T>) : null;
  } catch {
    return null;
  }
}

export function saveDraft<T>(key: string, values: T): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify({ savedAt: new Date().toISOString(), values }));
  } catch {
    // Storage full or disabled: the form still works, it just cannot survive a reload.
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    /* nothing to clear */
  }
}
