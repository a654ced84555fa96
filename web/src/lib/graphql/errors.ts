/**
 * Errors as the interface shows them: the API's code (DESIGN.md §4), a message, and per-field
 * messages for forms (`extensions.fields`).
 */
import { CombinedGraphQLErrors, ServerError } from '@apollo/client';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'NETWORK'
  | 'INTERNAL';

/** An error a page can show: code, message, field messages by field name. */
export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Turns whatever Apollo threw into a UserError. */
export function toUserError(error: unknown): UserError {
  if (error instanceof UserError) return error;
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const ext = (first?.extensions ?? {}) as {
      code?: string;
      fields?: { field: string; message: string }[];
    };
    const fields: Record<string, string> = {};
    for (const e of error.errors) {
      const list = (e.extensions as typeof ext | undefined)?.fields ?? [];
      for (const f of list) fields[f.field] ??= f.message;
    }
    const code = (ext.code as ErrorCode) ?? 'INTERNAL';
    return new UserError(code, first?.message ?? 'Error', fields);
  }
  if (ServerError.is(error)) return new UserError('NETWORK', error.message);
  if (error instanceof Error) return new UserError('NETWORK', error.message);
  return new UserError('INTERNAL', String(error));
}
