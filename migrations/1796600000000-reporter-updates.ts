import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Updates for reporters without an account: e-mail addresses subscribed to a request (with the
 * random token of their unsubscribe link), the outbox of e-mails to such addresses, and the
 * language of the texts to subscribed phones.
 */
export class ReporterUpdates1796600000000 implements MigrationInterface {
  name = 'ReporterUpdates1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "email_subscriptions" ("request_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "language" character varying(2) NOT NULL DEFAULT 'en', "token" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f2012bda1c8a930e1d2513e0fcb" PRIMARY KEY ("request_id", "email"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_email_subscriptions_token" ON "email_subscriptions"  ("token") `,
    );
    await queryRunner.query(
      `CREATE TABLE "email_outbox" ("id" BIGSERIAL NOT NULL, "email" character varying(254) NOT NULL, "subject" text NOT NULL, "body" text NOT NULL, "unsubscribe_url" text NOT NULL, "request_id" uuid, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b6fbfc201f705fbf1ac87bd7197" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_email_outbox_due" ON "email_outbox"  ("delivered_at", "next_attempt_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "sms_subscriptions" ADD "language" character varying(2) NOT NULL DEFAULT 'en'`,
    );
    await queryRunner.query(
      `ALTER TABLE "email_subscriptions" ADD CONSTRAINT "fk_email_subscriptions_request" FOREIGN KEY ("request_id") REFERENCES "service_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "email_outbox" ADD CONSTRAINT "fk_email_outbox_request" FOREIGN KEY ("request_id") REFERENCES "service_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "email_outbox" DROP CONSTRAINT "fk_email_outbox_request"`);
    await queryRunner.query(
      `ALTER TABLE "email_subscriptions" DROP CONSTRAINT "fk_email_subscriptions_request"`,
    );
    await queryRunner.query(`ALTER TABLE "sms_subscriptions" DROP COLUMN "language"`);
    await queryRunner.query(`DROP INDEX "public"."idx_email_outbox_due"`);
    await queryRunner.query(`DROP TABLE "email_outbox"`);
    await queryRunner.query(`DROP INDEX "public"."uq_email_subscriptions_token"`);
    await queryRunner.query(`DROP TABLE "email_subscriptions"`);
  }
}
