/** Moderation operations (placeholder until the moderation module lands). */
import { Resolver } from 'type-graphql';
import type { ModerationService } from './moderation.service.js';

@Resolver()
export class ModerationResolver {
  constructor(readonly moderation: ModerationService) {}
}
