import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-way SMS (issue 6): conversation state per phone (so a half-finished report survives a
 * restart), numbers that texted STOP, phones subscribed to a request's updates, and the outbox of
 * texts to phone numbers (reporters without an account), delivered with retries.
 */
export class Sms1796300000000 implements MigrationInterface {
  name = 'Sms1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sms_conversations" ("phone" character varying(20) NOT NULL, "state" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_42df206b70eb94634cc6db3b2c5" PRIMARY KEY ("phone"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sms_opt_outs" ("phone" character varying(20) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_14dd9fd7ec736f4ce6420ce28da" PRIMARY KEY ("phone"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sms_subscriptions" ("request_id" uuid NOT NULL, "phone" character varying(20) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c9b5befe8d5a57c13fe7f43e67a" PRIMARY KEY ("request_id", "phone"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sms_outbox" ("id" BIGSERIAL NOT NULL, "phone" character varying(20) NOT NULL, "body" text NOT NULL, "request_id" uuid, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8b64347e4647de6ac287b2ed834" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_sms_outbox_due" ON "sms_outbox"  ("delivered_at", "next_attempt_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "sms_subscriptions" ADD CONSTRAINT "fk_sms_subscriptions_request" FOREIGN KEY ("request_id") REFERENCES "service_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sms_outbox" ADD CONSTRAINT "fk_sms_outbox_request" FOREIGN KEY ("request_id") REFERENCES "service_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sms_outbox" DROP CONSTRAINT "fk_sms_outbox_request"`);
    await queryRunner.query(
      `ALTER TABLE "sms_subscriptions" DROP CONSTRAINT "fk_sms_subscriptions_request"`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_sms_outbox_due"`);
    await queryRunner.query(`DROP TABLE "sms_outbox"`);
    await queryRunner.query(`DROP TABLE "sms_subscriptions"`);
    await queryRunner.query(`DROP TABLE "sms_opt_outs"`);
    await queryRunner.query(`DROP TABLE "sms_conversations"`);
  }
}
