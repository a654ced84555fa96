/**
 * The caller of a service method. Every public service method takes the actor first and decides
 * there what that caller may do; no door (GraphQL, Open311, SMS) decides it.
 */
import type { Role } from './user.entity.js';

/** A signed-in account as the services see it. */
export interface ActorUser {
  id: string;
  role: Role;
  agencyId: string | null;
  displayName: string;
}

/** Who is calling. */
export interface Actor {
  user: ActorUser | null;
  /** Set when the call comes through an Open311 API key. */
  apiKeyId?: string;
  /** Caller's IP, for rate limits and the audit log. */
  ip?: string;
  /** Session token hash, so sign-out can end this session. */
  sessionTokenHash?: string;
}

/** An anonymous caller. */
export const ANONYMOUS: Actor = { user: null };

/** Whether the actor is staff of any agency or an admin (sees internal notes and contacts). */
export function isStaff(actor: Actor): boolean {
  return actor.user?.role === 'STAFF' || actor.user?.role === 'ADMIN';
}

/** Whether the actor is an admin. */
export function isAdmin(actor: Actor): boolean {
  return actor.user?.role === 'ADMIN';
}

/** Whether the actor may work requests of the given agency. */
export function worksForAgency(actor: Actor, agencyId: string): boolean {
  if (actor.user?.role === 'ADMIN') return true;
  return actor.user?.role === 'STAFF' && actor.user.agencyId === agencyId;
}
