import type { Request } from 'express';
import { AppError, badRequest } from '../errors';

const COOKIE = 'calque_author';

/** A reviewer's display name: 1–80 printable characters. */
export function cleanName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.replace(/[\u0000-\u001F\u007F]/g, '').trim();
  if (name === '') return undefined;
  if (name.length > 80) throw badRequest('invalid-field', 'A name may have at most 80 characters.');
  return name;
}

/** Who is acting: the signed-in user (routes that write are guarded, so there always is one). */
export function actorOf(req: Request): string {
  if (!req.user) throw new AppError(401, 'not-signed-in', 'Sign in first.');
  return req.user.name;
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
