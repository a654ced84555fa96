import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Open311 facade's storage: a hosted `media_url` and the client's self-description
 * (`device_id`, `account_id`) on each request, and the tokens `POST requests` hands out for `batch`
 * services, which `GET tokens/{token}` trades for the tracking number. Generated from the entities.
 */
export class Open3111795900000000 implements MigrationInterface {
  name = 'Open3111795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "service_requests" ADD "media_url" text`);
    await queryRunner.query(`ALTER TABLE "service_requests" ADD "client_info" jsonb`);
    await queryRunner.query(
      `CREATE TABLE "open311_tokens" ("token" character varying(64) NOT NULL, "request_id" uuid NOT NULL, "api_key_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_51e856855d9db372a82efe3fac4" PRIMARY KEY ("token"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_open311_tokens_request" ON "open311_tokens"  ("request_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_open311_tokens_api_key" ON "open311_tokens"  ("api_key_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "open311_tokens" ADD CONSTRAINT "fk_open311_tokens_request" FOREIGN KEY ("request_id") REFERENCES "service_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "open311_tokens" ADD CONSTRAINT "fk_open311_tokens_api_key" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "open311_tokens" DROP CONSTRAINT "fk_open311_tokens_api_key"`,
    );
    await queryRunner.query(
      `ALTER TABLE "open311_tokens" DROP CONSTRAINT "fk_open311_tokens_request"`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_open311_tokens_api_key"`);
    await queryRunner.query(`DROP INDEX "public"."idx_open311_tokens_request"`);
    await queryRunner.query(`DROP TABLE "open311_tokens"`);
    await queryRunner.query(`ALTER TABLE "service_requests" DROP COLUMN "client_info"`);
    await queryRunner.query(`ALTER TABLE "service_requests" DROP COLUMN "media_url"`);
  }
}
