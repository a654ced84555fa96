import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The spine's schema: areas, agencies, service definitions and their questions, service requests
 * (a 4326 point plus a generated UTM 16N point, both GiST-indexed), the timeline, media, accounts,
 * sessions, API keys, idempotency keys and the audit log. Generated from the entities, then read and
 * edited by hand: PostGIS and the typeorm_metadata table (which records the generated column so
 * the drift check sees it) are created here, and a sequence issues tracking numbers.
 */
export class InitialSchema1795839294097 implements MigrationInterface {
  name = 'InitialSchema1795839294097';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS postgis`);
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)`,
    );
    await queryRunner.query(`CREATE SEQUENCE "service_request_number_seq" START 1`);
    await queryRunner.query(
      `CREATE TABLE "agencies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_6acd8cc6374916c08b4d7f060c8" UNIQUE ("code"), CONSTRAINT "PK_8ab1f1f53f56c8255b0d7e68b28" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "display_name" text NOT NULL, "phone" text, "password_hash" text NOT NULL, "role" character varying(12) NOT NULL DEFAULT 'RESIDENT', "agency_id" uuid, "locale" character varying(8) NOT NULL DEFAULT 'en', "notification_preferences" jsonb NOT NULL DEFAULT '{}', "email_verified" boolean NOT NULL DEFAULT false, "phone_verified" boolean NOT NULL DEFAULT false, "blocked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sessions" ("token_hash" character varying(64) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_abaa9e068cdd390bc5210f79884" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions"  ("user_id") `);
    await queryRunner.query(
      `CREATE INDEX "idx_sessions_expires_at" ON "sessions"  ("expires_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "key_hash" character varying(64) NOT NULL, "prefix" character varying(12) NOT NULL, "created_by_id" uuid, "rate_limit_per_minute" integer NOT NULL DEFAULT '60', "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_57384430aa1959f4578046c9b81" UNIQUE ("key_hash"), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "areas" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(32) NOT NULL, "number" integer NOT NULL, "name" text NOT NULL, "boundary" geometry(MultiPolygon,4326) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_areas_kind_number" UNIQUE ("kind", "number"), CONSTRAINT "PK_5110493f6342f34c978c084d0d6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_areas_boundary" ON "areas" USING gist ("boundary") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "actor_id" uuid, "action" character varying(64) NOT NULL, "target_type" character varying(32) NOT NULL, "target_id" text NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_audit_log_actor" ON "audit_log"  ("actor_id") `);
    await queryRunner.query(
      `CREATE INDEX "idx_audit_log_target" ON "audit_log"  ("target_type", "target_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "service_definitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64) NOT NULL, "slug" character varying(96) NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "group_name" text NOT NULL, "keywords" text array NOT NULL DEFAULT '{}', "agency_id" uuid NOT NULL, "type" character varying(16) NOT NULL DEFAULT 'realtime', "active" boolean NOT NULL DEFAULT true, "is_private" boolean NOT NULL DEFAULT false, "sla_days" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_3fdbec12247aa21b39eac091bab" UNIQUE ("code"), CONSTRAINT "UQ_a6a4275b988f361f80546a32274" UNIQUE ("slug"), CONSTRAINT "PK_300d1139fc194cac7494ba109cc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_service_definitions_group" ON "service_definitions"  ("group_name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "service_attributes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_definition_id" uuid NOT NULL, "code" character varying(64) NOT NULL, "datatype" character varying(20) NOT NULL, "required" boolean NOT NULL DEFAULT false, "variable" boolean NOT NULL DEFAULT true, "description" text NOT NULL, "datatype_description" text, "sort_order" integer NOT NULL DEFAULT '0', "values" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "uq_service_attributes_code" UNIQUE ("service_definition_id", "code"), CONSTRAINT "PK_892ef4f4b011cf132e25adf7a46" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'service_requests', 'GENERATED_COLUMN', 'location_metric', 'ST_Transform(location, 26916)')`,
    );
    await queryRunner.query(
      `CREATE TABLE "service_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tracking_number" character varying(16) NOT NULL, "service_definition_id" uuid NOT NULL, "description" text NOT NULL DEFAULT '', "location" geometry(Point,4326) NOT NULL, "location_metric" geometry(Point,26916) GENERATED ALWAYS AS (ST_Transform(location, 26916)) STORED NOT NULL, "address" text, "zipcode" character varying(10), "ward" integer, "community_area" integer, "attributes" jsonb NOT NULL DEFAULT '{}', "status" character varying(8) NOT NULL, "detailed_status" character varying(20) NOT NULL, "priority" character varying(12) NOT NULL DEFAULT 'NORMAL', "agency_id" uuid NOT NULL, "channel" character varying(12) NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expected_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "duplicate_of_id" uuid, "reporter_id" uuid, "contact_name" text, "contact_email" text, "contact_phone" text, "support_count" integer NOT NULL DEFAULT '0', "comment_count" integer NOT NULL DEFAULT '0', "follower_count" integer NOT NULL DEFAULT '0', CONSTRAINT "UQ_2c5bc9f13478acc3f298e5966c9" UNIQUE ("tracking_number"), CONSTRAINT "PK_ee60bcd826b7e130bfbd97daf66" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_service_requests_location" ON "service_requests" USING gist ("location") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_service_requests_location_metric" ON "service_requests" USING gist ("location_metric") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_service_requests_ward" ON "service_requests"  ("ward") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_service_requests_community_area" ON "service_requests"  ("community_area") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_service_requests_detailed_status" ON "service_requests"  ("detailed_status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_service_requests_requested_at" ON "service_requests"  ("requested_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_service_requests_updated_at" ON "service_requests"  ("updated_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_service_requests_duplicate_of" ON "service_requests"  ("duplicate_of_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_service_requests_reporter" ON "service_requests"  ("reporter_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_service_requests_status_requested" ON "service_requests"  ("status", "requested_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_service_requests_service_requested" ON "service_requests"  ("service_definition_id", "requested_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "request_events" ("id" BIGSERIAL NOT NULL, "request_id" uuid NOT NULL, "type" character varying(20) NOT NULL, "from_status" character varying(20), "to_status" character varying(20), "text" text, "visibility" character varying(8) NOT NULL DEFAULT 'PUBLIC', "actor_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bf9333ddb0c34f1533239fc9cb0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_request_events_request" ON "request_events"  ("request_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "media" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid, "request_id" uuid, "content_type" character varying(32) NOT NULL, "size_bytes" integer NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "thumb_size_bytes" integer NOT NULL, "sha256" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f4e0fcac36e050de337b670d8bd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_media_request" ON "media"  ("request_id") `);
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("scope" character varying(80) NOT NULL, "key" character varying(128) NOT NULL, "request_id" uuid NOT NULL, "fingerprint" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_15de2f76fa9f27ad8f330983607" PRIMARY KEY ("scope", "key"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "fk_users_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "fk_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "fk_api_keys_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_definitions" ADD CONSTRAINT "fk_service_definitions_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_attributes" ADD CONSTRAINT "fk_service_attributes_service" FOREIGN KEY ("service_definition_id") REFERENCES "service_definitions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_requests" ADD CONSTRAINT "fk_service_requests_service" FOREIGN KEY ("service_definition_id") REFERENCES "service_definitions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_requests" ADD CONSTRAINT "fk_service_requests_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_requests" ADD CONSTRAINT "fk_service_requests_duplicate_of" FOREIGN KEY ("duplicate_of_id") REFERENCES "service_requests"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_requests" ADD CONSTRAINT "fk_service_requests_reporter" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "request_events" ADD CONSTRAINT "fk_request_events_request" FOREIGN KEY ("request_id") REFERENCES "service_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "request_events" ADD CONSTRAINT "fk_request_events_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "media" ADD CONSTRAINT "fk_media_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "media" ADD CONSTRAINT "fk_media_request" FOREIGN KEY ("request_id") REFERENCES "service_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD CONSTRAINT "fk_idempotency_keys_request" FOREIGN KEY ("request_id") REFERENCES "service_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" DROP CONSTRAINT "fk_idempotency_keys_request"`,
    );
    await queryRunner.query(`ALTER TABLE "media" DROP CONSTRAINT "fk_media_request"`);
    await queryRunner.query(`ALTER TABLE "media" DROP CONSTRAINT "fk_media_owner"`);
    await queryRunner.query(
      `ALTER TABLE "request_events" DROP CONSTRAINT "fk_request_events_actor"`,
    );
    await queryRunner.query(
      `ALTER TABLE "request_events" DROP CONSTRAINT "fk_request_events_request"`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_requests" DROP CONSTRAINT "fk_service_requests_reporter"`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_requests" DROP CONSTRAINT "fk_service_requests_duplicate_of"`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_requests" DROP CONSTRAINT "fk_service_requests_agency"`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_requests" DROP CONSTRAINT "fk_service_requests_service"`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_attributes" DROP CONSTRAINT "fk_service_attributes_service"`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_definitions" DROP CONSTRAINT "fk_service_definitions_agency"`,
    );
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "fk_api_keys_created_by"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "fk_sessions_user"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_agency"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP INDEX "public"."idx_media_request"`);
    await queryRunner.query(`DROP TABLE "media"`);
    await queryRunner.query(`DROP INDEX "public"."idx_request_events_request"`);
    await queryRunner.query(`DROP TABLE "request_events"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_requests_service_requested"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_requests_status_requested"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_requests_reporter"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_requests_duplicate_of"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_requests_updated_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_requests_requested_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_requests_detailed_status"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_requests_community_area"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_requests_ward"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_requests_location_metric"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_requests_location"`);
    await queryRunner.query(`DROP TABLE "service_requests"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'service_requests'`,
    );
    await queryRunner.query(`DROP TABLE "service_attributes"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_definitions_group"`);
    await queryRunner.query(`DROP TABLE "service_definitions"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_log_target"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_log_actor"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP INDEX "public"."idx_areas_boundary"`);
    await queryRunner.query(`DROP TABLE "areas"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP INDEX "public"."idx_sessions_expires_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_sessions_user"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "agencies"`);
    await queryRunner.query(`DROP SEQUENCE "service_request_number_seq"`);
    await queryRunner.query(`DROP TABLE "typeorm_metadata"`);
    // PostGIS stays: it may have been installed by a superuser before Stoop, and other schemas use it.
  }
}
