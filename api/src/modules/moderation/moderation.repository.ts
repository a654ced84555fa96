/** Moderation queries (placeholder until the moderation module lands). */
import type { DataSource } from 'typeorm';

/** Flags and hiding. */
export class ModerationRepository {
  constructor(readonly dataSource: DataSource) {}
}
