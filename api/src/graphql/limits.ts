/**
 * Operation limits for a public API: depth, aliases and the number of root fields. A hostile query
 * is refused during validation, before any resolver runs.
 */
import { GraphQLError, Kind } from 'graphql';
import type { ASTNode, ValidationContext, ValidationRule } from 'graphql';

/** The limits. */
export const LIMITS = { maxDepth: 10, maxAliases: 30, maxRootFields: 20 };

/** Rejects operations deeper than `maxDepth` or with more than `maxAliases` aliases. */
export const operationLimits: ValidationRule = (context: ValidationContext) => {
  const fragments = new Map(
    context
      .getDocument()
      .definitions.flatMap((d) =>
        d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
      ),
  );
  let aliases = 0;
  const depthOf = (node: ASTNode, depth: number, seen: Set<string>): number => {
    if (depth > LIMITS.maxDepth) return depth;
    if (node.kind === Kind.FIELD) {
      if (node.alias) aliases += 1;
      if (!node.selectionSet) return depth;
      return Math.max(
        depth,
        ...node.selectionSet.selections.map((s) => depthOf(s, depth + 1, seen)),
      );
    }
    if (node.kind === Kind.INLINE_FRAGMENT) {
      return Math.max(depth, ...node.selectionSet.selections.map((s) => depthOf(s, depth, seen)));
    }
    if (node.kind === Kind.FRAGMENT_SPREAD) {
      const name = node.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) return depth;
      const next = new Set(seen).add(name);
      return Math.max(
        depth,
        ...fragment.selectionSet.selections.map((s) => depthOf(s, depth, next)),
      );
    }
    return depth;
  };
  return {
    OperationDefinition(operation) {
      aliases = 0;
      const selections = operation.selectionSet.selections;
      if (selections.length > LIMITS.maxRootFields) {
        context.reportError(
          new GraphQLError(`Operation has more than ${LIMITS.maxRootFields} root fields.`, {
            nodes: [operation],
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        );
      }
      const depth = Math.max(0, ...selections.map((s) => depthOf(s, 1, new Set())));
      if (depth > LIMITS.maxDepth) {
        context.reportError(
          new GraphQLError(`Operation is deeper than ${LIMITS.maxDepth} levels.`, {
            nodes: [operation],
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        );
      }
      if (aliases > LIMITS.maxAliases) {
        context.reportError(
          new GraphQLError(`Operation uses more than ${LIMITS.maxAliases} aliases.`, {
            nodes: [operation],
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        );
      }
    },
  };
};
