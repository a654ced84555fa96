/**
 * Session cookies: one HTTP-only cookie authenticates `/graphql` over HTTP and the graphql-ws
 * socket (the browser sends it on the upgrade request). SameSite=Lax plus Apollo's CSRF
 * prevention keeps other sites from acting with it.
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseCookie, serialize } from 'cookie';
import type { Response } from 'express';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'stoop_session';

/** The session token carried by a request, if any. */
export function sessionTokenOf(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parseCookie(header)[SESSION_COOKIE] || undefined;
}

/** Sets the session cookie on a response. */
export function setSessionCookie(
  res: Response,
  token: string,
  expiresAt: Date,
  secure: boolean,
): void {
  res.append(
    'Set-Cookie',
    serialize(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      expires: expiresAt,
    }),
  );
}

/** Clears the session cookie. */
export function clearSessionCookie(res: Response, secure: boolean): void {
  res.append(
    'Set-Cookie',
    serialize(SESSION_COOKIE, '', {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      maxAge: 0,
    }),
  );
}
