/** Idea queries (placeholder until the idea module lands). */
import type { DataSource } from 'typeorm';

/** Ideas. */
export class IdeaRepository {
  constructor(readonly dataSource: DataSource) {}
}
