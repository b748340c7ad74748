import type { Request } from 'express';
import { AppError } from '../errors';

/** Who is acting: the signed-in user (routes that write are guarded, so there always is one). */
export function actorOf(req: Request): string {
  if (!req.user) throw new AppError(401, 'not-signed-in', 'Sign in first.');
  return req.user.name;
}

/** Whether the signed-in user may decide edits (a reviewer or an admin). */
export function canReview(req: Request): boolean {
  return req.user?.role === 'reviewer' || req.user?.role === 'admin';
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
