/** Where the default anonymous client id is kept (per tab: it survives reloads, not new tabs). */
const CLIENT_ID_KEY = 'novu-chat:client-id';

/** The anonymous id kept in sessionStorage (a fresh one when storage is unavailable). */
export function storedClientId(): string {
  try {
    const storage = globalThis.sessionStorage;
    const stored = storage?.getItem(CLIENT_ID_KEY);
    if (stored && /^[\w-]{8,64}$/.test(stored)) return stored;
    const id = randomId();
    storage?.setItem(CLIENT_ID_KEY, id);
    return id;
  } catch {
    return randomId();
  }
}

/** 128 random bits as 32 hex digits. */
function randomId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
