/** Block club operations (placeholder until the block-club module lands). */
import { Resolver } from 'type-graphql';
import type { ServiceRequestService } from '../service-request/service-request.service.js';
import type { BlockClubService } from './block-club.service.js';

@Resolver()
export class BlockClubResolver {
  constructor(
    readonly blockClubs: BlockClubService,
    readonly serviceRequests: ServiceRequestService,
  ) {}
}
