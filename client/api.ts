// Talking to the server: a row's form posted as the page would, answered with the re-rendered row.

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

function showDismissed(): string {
  return document.querySelector<HTMLTableElement>('table.grid')?.dataset.showDismissed ?? '0';
}

export type RowReply =
  | { kind: 'row'; html: string; conflict: boolean; next?: { id: string; url: string } }
  | { kind: 'error'; message: string };

/** Posts `form` (with `extra` fields) and returns the row HTML the server sends back (also on a 409). */
export async function postRowForm(form: HTMLFormElement, extra: Record<string, string> = {}, submitter?: HTMLElement | null): Promise<RowReply> {
  const body = new URLSearchParams();
  new FormData(form, submitter ?? undefined).forEach((value, key) => {
    if (typeof value === 'string') body.append(key, value);
  });
  for (const [key, value] of Object.entries(extra)) body.set(key, value);
  return postRow(form.action, body);
}

export async function postRow(action: string, body: URLSearchParams): Promise<RowReply> {
  try {
    const response = await fetch(action, {
      method: 'POST',
      headers: {
        'X-Calque-Fragment': 'row',
        'X-CSRF-Token': csrfToken(),
        'X-Calque-Dismissed': showDismissed(),
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body,
      credentials: 'same-origin',
    });
    const text = await response.text();
    const nextId = response.headers.get('X-Calque-Next');
    const next = nextId ? { id: nextId, url: response.headers.get('X-Calque-Next-Url') ?? '' } : undefined;
    if (response.ok || response.status === 409) return { kind: 'row', html: text, conflict: response.status === 409, next };
    return { kind: 'error', message: text || `The server answered ${response.status}.` };
  } catch {
    return { kind: 'error', message: 'The server could not be reached. Nothing was saved.' };
  }
}

/** A page of the server's HTML (another page of the grid, a fresh header), parsed. */
export async function fetchPage(url: string): Promise<Document | null> {
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) return null;
    return new DOMParser().parseFromString(await response.text(), 'text/html');
  } catch {
    return null;
  }
}

/** The document's counters, as the header shows them. */
export interface DocumentCounts {
  segments: number;
  words: number;
  flags: number;
  pendingProposals: number;
  edited: number;
  reviewed: number;
  percentReviewed: number;
  hter: number;
}

export async function fetchCounts(documentId: string): Promise<DocumentCounts | null> {
  try {
    const response = await fetch(`/api/documents/${encodeURIComponent(documentId)}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return response.ok ? ((await response.json()) as DocumentCounts) : null;
  } catch {
    return null;
  }
}
