/**
 * Error formatting: known domain errors keep their code and fields; validation errors from
 * class-validator become BAD_USER_INPUT with one entry per field; everything else is replaced by
 * a generic message with the request id, and logged with its stack.
 */
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { DomainError, ERROR_CODES } from '../lib/errors.js';
import type { FieldProblem } from '../lib/errors.js';
import { logger } from '../lib/logger.js';
import type { Logger } from '../lib/logger.js';

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Apollo codes for malformed operations, reported as BAD_USER_INPUT. */
const OPERATION_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** Whether an error is a bug (anything the formatter masks), to be logged with its request id. */
export function isUnexpectedError(error: unknown): boolean {
  return formatError({ message: '' }, error).extensions?.code === 'INTERNAL_SERVER_ERROR';
}

/** Logs unexpected errors of one operation with the request id the client is shown. */
export function logUnexpectedErrors(
  errors: readonly unknown[],
  requestId: string,
  log: Logger = logger,
): void {
  for (const error of errors) {
    if (isUnexpectedError(error)) {
      log.error({ err: unwrapResolverError(error), requestId }, 'unexpected GraphQL error');
    }
  }
}

/**
 * Formats one error for the client: domain errors keep code and fields, everything else becomes
 * a generic INTERNAL_SERVER_ERROR (the request id is added by the transport, which knows it).
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { ...original.extensions } };
  }
  if (original instanceof ArgumentValidationError) {
    const errors = original.extensions.validationErrors as unknown as ValidationError[];
    // Mutations take one `input` argument (house rule); `*Args` classes are the arguments themselves.
    const targetName = (errors[0]?.target as object | undefined)?.constructor.name ?? '';
    const fields = flatten(errors, targetName.endsWith('Args') ? '' : 'input');
    return {
      ...base,
      message: `Invalid input: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
      extensions: { code: 'BAD_USER_INPUT', fields },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)) {
    return { ...base, extensions: { ...formatted.extensions, code } };
  }
  if (typeof code === 'string' && OPERATION_CODES.has(code)) {
    return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (code === 'UNAUTHORIZED') return { ...base, extensions: { code: 'FORBIDDEN' } };
  return {
    message: 'Internal error; it has been logged.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
