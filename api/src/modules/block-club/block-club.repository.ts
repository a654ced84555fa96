/** Block club queries (placeholder until the block-club module lands). */
import type { DataSource } from 'typeorm';

/** Block clubs. */
export class BlockClubRepository {
  constructor(readonly dataSource: DataSource) {}
}
