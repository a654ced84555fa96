/**
 * Domain errors. Every error a caller can cause is one of these, with a code from the fixed set of
 * DESIGN.md §4 and, for bad input, the fields at fault. Services throw them; the GraphQL layer
 * passes them through unchanged; the REST doors map the code to an HTTP status.
 */
import { GraphQLError } from 'graphql';

/** The fixed set of error codes of the public contract. */
export type ErrorCode =
  'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RATE_LIMITED';

/** All codes, to recognise a known error when formatting. */
export const ERROR_CODES: readonly ErrorCode[] = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
];

/** One problem with one input field. `field` is a dotted path such as `input.location`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Base class: a GraphQLError with a stable code. */
export class DomainError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.code = code;
  }
}

/** Bad input; names every field that is wrong. */
export class BadInputError extends DomainError {
  readonly fields: FieldProblem[];
  constructor(fields: FieldProblem[], message?: string) {
    super('BAD_USER_INPUT', message ?? fields.map((f) => `${f.field}: ${f.message}`).join('; '), {
      fields,
    });
    this.fields = fields;
  }
}

/** Shorthand for one bad field. */
export function badField(field: string, message: string): BadInputError {
  return new BadInputError([{ field, message }]);
}

/** The caller must sign in first. */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'You must be signed in to do this.') {
    super('UNAUTHENTICATED', message);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this.') {
    super('FORBIDDEN', message);
  }
}

/** The thing asked for does not exist (or is not visible to the caller). */
export class NotFoundError extends DomainError {
  constructor(what: string, id?: string) {
    super('NOT_FOUND', id ? `${what} ${id} was not found.` : `${what} was not found.`);
  }
}

/** The request conflicts with the current state. */
export class ConflictError extends DomainError {
  constructor(message: string, fields?: FieldProblem[]) {
    super('CONFLICT', message, fields ? { fields } : {});
  }
}

/** Too many requests. */
export class RateLimitedError extends DomainError {
  constructor(message = 'Too many requests; try again later.', retryAfterSeconds?: number) {
    super('RATE_LIMITED', message, retryAfterSeconds ? { retryAfterSeconds } : {});
  }
}

/** Throws NotFoundError when the value is null or undefined. */
export function orNotFound<T>(value: T | null | undefined, what: string, id?: string): T {
  if (value === null || value === undefined) throw new NotFoundError(what, id);
  return value;
}
