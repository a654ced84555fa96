/** The audit log: every staff, moderator and admin action, append-only. */
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One recorded action. */
@Entity({ name: 'audit_log' })
@Index('idx_audit_log_target', ['targetType', 'targetId'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index('idx_audit_log_actor')
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType: string;

  @Column({ name: 'target_id', type: 'text' })
  targetId: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
