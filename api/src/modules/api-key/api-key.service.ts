/**
 * Open311 API keys: admins create them (the key is shown once) and revoke them; the Open311 door
 * trades a presented key for the caller it stands for. Keys are looked up by their SHA-256 hash
 * only, and a revoked key is refused exactly like an unknown one.
 */
import type { DataSource } from 'typeorm';
import { badField, ForbiddenError, NotFoundError, UnauthenticatedError } from '../../lib/errors.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { Actor } from '../user/actor.js';
import { isAdmin } from '../user/actor.js';
import { generateApiKey, hashApiKey } from './api-key.crypto.js';
import type { ApiKeyEntity } from './api-key.entity.js';
import type { ApiKeyRepository } from './api-key.repository.js';

/** Bounds of a key's rate limit, in requests per minute. */
export const RATE_LIMIT_BOUNDS = { min: 1, max: 10_000 } as const;

/** A key as presented by a client, once authenticated: what the rate limiter and submit need. */
export interface AuthenticatedApiKey {
  id: string;
  name: string;
  rateLimitPerMinute: number;
}

/** API key rules. */
export class ApiKeyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ApiKeyRepository,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * The key a client presented, or FORBIDDEN when it is missing, unknown or revoked (Open311 answers
   * all three with 403).
   */
  async authenticate(presented: string | null | undefined): Promise<AuthenticatedApiKey> {
    const key = presented?.trim();
    if (!key) throw new ForbiddenError('api_key is required to submit a request.');
    const row = key.length <= 200 ? await this.repository.findByHash(hashApiKey(key)) : null;
    if (!row) throw new ForbiddenError('api_key is not valid.');
    if (row.revokedAt) throw new ForbiddenError('api_key has been revoked.');
    return { id: row.id, name: row.name, rateLimitPerMinute: row.rateLimitPerMinute };
  }

  /** Creates a key (admins only). The clear key is returned here and never again. */
  async create(
    actor: Actor,
    input: { name: string; rateLimitPerMinute?: number | null },
  ): Promise<{ apiKey: ApiKeyEntity; key: string }> {
    return this.insertKey(this.requireAdmin(actor), input, 'api_key.create');
  }

  /**
   * Creates a key for the operator at the command line (`npm run cli -- api-key:create`): whoever can
   * run it already reaches the database, so there is no account; the audit log says where it came from.
   */
  createByOperator(input: {
    name: string;
    rateLimitPerMinute?: number | null;
  }): Promise<{ apiKey: ApiKeyEntity; key: string }> {
    return this.insertKey(null, input, 'api_key.create_cli');
  }

  private async insertKey(
    adminId: string | null,
    input: { name: string; rateLimitPerMinute?: number | null },
    action: string,
  ): Promise<{ apiKey: ApiKeyEntity; key: string }> {
    const name = input.name.trim();
    if (!name || name.length > 120) throw badField('input.name', 'must be 1 to 120 characters');
    const rate = input.rateLimitPerMinute ?? 60;
    if (!Number.isInteger(rate) || rate < RATE_LIMIT_BOUNDS.min || rate > RATE_LIMIT_BOUNDS.max) {
      throw badField(
        'input.rateLimitPerMinute',
        `must be an integer from ${RATE_LIMIT_BOUNDS.min} to ${RATE_LIMIT_BOUNDS.max}`,
      );
    }
    const generated = generateApiKey();
    const apiKey = await this.dataSource.transaction(async (manager) => {
      const row = await this.repository.insert(manager, {
        name,
        keyHash: generated.hash,
        prefix: generated.prefix,
        rateLimitPerMinute: rate,
        createdById: adminId,
      });
      await this.audit.record(manager, {
        actorId: adminId,
        action,
        targetType: 'ApiKey',
        targetId: row.id,
        data: { name, rateLimitPerMinute: rate, prefix: generated.prefix },
      });
      return row;
    });
    return { apiKey, key: generated.key };
  }

  /** Revokes a key (admins only); revoking a revoked key keeps its first revocation time. */
  async revoke(actor: Actor, id: string): Promise<ApiKeyEntity> {
    const adminId = this.requireAdmin(actor);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.repository.lockById(manager, id);
      if (!row) throw new NotFoundError('API key', id);
      if (!row.revokedAt) {
        await this.repository.revoke(manager, id, new Date());
        await this.audit.record(manager, {
          actorId: adminId,
          action: 'api_key.revoke',
          targetType: 'ApiKey',
          targetId: id,
          data: { name: row.name, prefix: row.prefix },
        });
      }
      return (await this.repository.findById(id, manager))!;
    });
  }

  /** Keys, newest first, revoked ones included (admins only); never a key or its hash. */
  async list(
    actor: Actor,
    first: number,
    offset: number,
  ): Promise<{ rows: ApiKeyEntity[]; totalCount: number }> {
    this.requireAdmin(actor);
    if (!Number.isInteger(first) || first < 1 || first > 100) {
      throw badField('first', 'must be between 1 and 100');
    }
    return this.repository.page(first, offset);
  }

  private requireAdmin(actor: Actor): string {
    if (!actor.user) throw new UnauthenticatedError();
    if (!isAdmin(actor)) throw new ForbiddenError('Only administrators manage API keys.');
    return actor.user.id;
  }
}
