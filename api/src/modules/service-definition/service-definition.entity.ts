/**
 * Terminology: Open311 calls a request category a "service" (`service_code`). In code it is a
 * ServiceDefinition so that "service" stays free for the code layer. Each definition may carry
 * attribute definitions: the per-service questions a resident answers when reporting.
 */
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import type { Translations } from '../../lib/language.js';
import { AgencyEntity } from '../agency/agency.entity.js';

/** Open311 service types. */
export const SERVICE_TYPES = ['realtime', 'batch', 'blackbox'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** Open311 attribute datatypes. */
export const ATTRIBUTE_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

/** One allowed value of a list attribute. */
export interface AttributeValue {
  key: string;
  name: string;
}

/** A service's name and description in another language. */
export interface ServiceText {
  name: string;
  description: string;
}

/** A question in another language: its prompt, format hint and choice labels by value key. */
export interface AttributeText {
  description: string;
  datatypeDescription: string;
  values: Record<string, string>;
}

/** A request category. */
@Entity({ name: 'service_definitions' })
export class ServiceDefinitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 96, unique: true })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Name and description in other languages: `{ "es": { "name": …, "description": … } }`. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: Translations<ServiceText>;

  @Index('idx_service_definitions_group')
  @Column({ name: 'group_name', type: 'text' })
  group: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_service_definitions_agency' })
  agency?: Relation<AgencyEntity>;

  @Column({ type: 'varchar', length: 16, default: 'realtime' })
  type: ServiceType;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Sensitive categories: not on the public map, not in exports, not in Open311 lists. */
  @Column({ name: 'is_private', type: 'boolean', default: false })
  isPrivate: boolean;

  /** Service-level target, in days, for closing a request. */
  @Column({ name: 'sla_days', type: 'integer', nullable: true })
  slaDays: number | null;

  @OneToMany(() => ServiceAttributeEntity, (a) => a.serviceDefinition)
  attributes?: Relation<ServiceAttributeEntity[]>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One question of a service (Open311 attribute definition). */
@Entity({ name: 'service_attributes' })
@Unique('uq_service_attributes_code', ['serviceDefinitionId', 'code'])
export class ServiceAttributeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'service_definition_id', type: 'uuid' })
  serviceDefinitionId: string;

  @ManyToOne(() => ServiceDefinitionEntity, (s) => s.attributes, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'service_definition_id',
    foreignKeyConstraintName: 'fk_service_attributes_service',
  })
  serviceDefinition?: Relation<ServiceDefinitionEntity>;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 20 })
  datatype: AttributeDatatype;

  @Column({ type: 'boolean', default: false })
  required: boolean;

  /** Open311 `variable`: false for informational, non-answerable attributes. */
  @Column({ type: 'boolean', default: true })
  variable: boolean;

  /** The question as shown to a resident. */
  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'datatype_description', type: 'text', nullable: true })
  datatypeDescription: string | null;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  order: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  values: AttributeValue[];

  /** The question in other languages: `{ "es": { "description": …, "values": { key: label } } }`. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: Translations<AttributeText>;
}
