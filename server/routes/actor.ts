import type { Request } from 'express';
import { badRequest } from '../errors';

const COOKIE = 'calque_author';

/** A reviewer's display name: 1–80 printable characters. */
export function cleanName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.replace(/[\u0000-\u001F\u007F]/g, '').trim();
  if (name === '') return undefined;
  if (name.length > 80) throw badRequest('invalid-field', 'A name may have at most 80 characters.');
  return name;
}

/** Who is acting: the body's author, the X-Calque-User header or the name cookie. */
export function actorOf(req: Request): string {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return cleanName(body.author) ?? cleanName(req.get('x-calque-user')) ?? cleanName(readCookie(req, COOKIE)) ?? 'anonymous';
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export const AUTHOR_COOKIE = COOKIE;
