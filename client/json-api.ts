// The JSON API, for the whole-document tools (glossary, error annotations) used from the grid.

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

export type JsonReply<T> = { ok: true; value: T } | { ok: false; message: string };

export async function callJson<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<JsonReply<T>> {
  try {
    const response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken() }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
    if (response.ok && data) return { ok: true, value: data };
    return { ok: false, message: data?.error?.message ?? `The server answered ${response.status}.` };
  } catch {
    return { ok: false, message: 'The server could not be reached. Nothing was saved.' };
  }
}
