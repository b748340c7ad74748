/** An error a client can act on. Turned into a response in one place (routes/error-handler.ts). */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (reason: string, message: string, details?: unknown) =>
  new AppError(400, reason, message, details);
export const notFound = (what: string) => new AppError(404, 'not-found', `${what} does not exist.`);
export const conflict = (reason: string, message: string, details?: unknown) =>
  new AppError(409, reason, message, details);
