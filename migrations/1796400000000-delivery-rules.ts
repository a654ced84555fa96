import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery rules (issue 6): at most one outbox row per notification and channel (enforced by a
 * unique index; older duplicates, if any, are folded into the first), the daily-digest flag, and
 * integrator webhooks with their signed, retried deliveries.
 */
export class DeliveryRules1796400000000 implements MigrationInterface {
  name = 'DeliveryRules1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhooks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "url" character varying(2000) NOT NULL, "name" character varying(120) NOT NULL, "secret" character varying(100) NOT NULL, "event_types" character varying(20) array NOT NULL, "last_event_id" bigint NOT NULL DEFAULT '0', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" BIGSERIAL NOT NULL, "webhook_id" uuid NOT NULL, "event_id" bigint NOT NULL, "event_type" character varying(20) NOT NULL, "payload" jsonb NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, "last_status" integer, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_webhook_deliveries_due" ON "webhook_deliveries"  ("delivered_at", "next_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_webhook_deliveries_event" ON "webhook_deliveries"  ("webhook_id", "event_id") `,
    );
    await queryRunner.query(`ALTER TABLE "outbox" ADD "digest" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `DELETE FROM "outbox" o USING "outbox" first
        WHERE o.notification_id = first.notification_id AND o.channel = first.channel
          AND o.id > first.id`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_outbox_notification_channel" ON "outbox"  ("notification_id", "channel") `,
    );
    await queryRunner.query(
      `ALTER TABLE "webhooks" ADD CONSTRAINT "fk_webhooks_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "fk_webhook_deliveries_webhook" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "fk_webhook_deliveries_webhook"`,
    );
    await queryRunner.query(`ALTER TABLE "webhooks" DROP CONSTRAINT "fk_webhooks_created_by"`);
    await queryRunner.query(`DROP INDEX "public"."uq_outbox_notification_channel"`);
    await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "digest"`);
    await queryRunner.query(`DROP INDEX "public"."uq_webhook_deliveries_event"`);
    await queryRunner.query(`DROP INDEX "public"."idx_webhook_deliveries_due"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhooks"`);
  }
}
