import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Neighbours (issue 3): supports, follows, comments, notifications and their outbox, requests to
 * reopen, block clubs (members, posts, actions, RSVPs, adopted requests), ideas and votes, flags,
 * and the moderation columns (`hidden_at` on requests, `blocked_until` on users). Generated from
 * the entities, then read by hand.
 */
export class Neighbours1795950000000 implements MigrationInterface {
  name = 'Neighbours1795950000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reopen_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "requester_id" uuid NOT NULL, "reason" text NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'PENDING', "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a845094ef081601a52a3d290b07" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_reopen_requests_request" ON "reopen_requests"  ("request_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "block_clubs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "slug" character varying(80) NOT NULL, "description" text NOT NULL DEFAULT '', "boundary" geometry(Polygon,4326) NOT NULL, "join_policy" character varying(10) NOT NULL DEFAULT 'OPEN', "created_by_id" uuid, "hidden_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_43ec47f84e28ef6734433cfdc55" UNIQUE ("slug"), CONSTRAINT "PK_46b0f9455f5a5c226fe37b47b8d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_block_clubs_boundary" ON "block_clubs" USING gist ("boundary") `,
    );
    await queryRunner.query(
      `CREATE TABLE "block_club_members" ("club_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(10) NOT NULL DEFAULT 'MEMBER', "status" character varying(10) NOT NULL DEFAULT 'ACTIVE', "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b2629420497226572e5b752b77e" PRIMARY KEY ("club_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_block_club_members_user" ON "block_club_members"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "block_club_posts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "club_id" uuid NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "hidden_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8cb8e651d905810310da6515417" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_block_club_posts_club" ON "block_club_posts"  ("club_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "block_club_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "club_id" uuid NOT NULL, "created_by_id" uuid, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "place" text NOT NULL, "location" geometry(Point,4326), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_965e9dbfe4f689e100eebc70447" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_block_club_actions_club" ON "block_club_actions"  ("club_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "block_club_rsvps" ("action_id" uuid NOT NULL, "user_id" uuid NOT NULL, "response" character varying(10) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b6c1483e5a70d87dcba4363a6da" PRIMARY KEY ("action_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "block_club_adoptions" ("club_id" uuid NOT NULL, "request_id" uuid NOT NULL, "adopted_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2aef992e416fa9dcc690471d193" PRIMARY KEY ("club_id", "request_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_block_club_adoptions_request" ON "block_club_adoptions"  ("request_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "target_type" character varying(16) NOT NULL, "target_id" uuid NOT NULL, "author_id" uuid NOT NULL, "parent_id" uuid, "body" text NOT NULL, "edited_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "hidden_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8bf68bc960f2b69e818bdb90dcb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_comments_author" ON "comments"  ("author_id") `);
    await queryRunner.query(`CREATE INDEX "idx_comments_parent" ON "comments"  ("parent_id") `);
    await queryRunner.query(
      `CREATE INDEX "idx_comments_target" ON "comments"  ("target_type", "target_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "follows" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "target_type" character varying(16) NOT NULL, "target_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_follows_user_target" UNIQUE ("user_id", "target_type", "target_id"), CONSTRAINT "PK_8988f607744e16ff79da3b8a627" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_follows_target" ON "follows"  ("target_type", "target_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ideas" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "body" text NOT NULL, "author_id" uuid NOT NULL, "service_definition_id" uuid, "location" geometry(Point,4326), "area_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'PROPOSED', "vote_count" integer NOT NULL DEFAULT '0', "comment_count" integer NOT NULL DEFAULT '0', "response_text" text, "response_by_id" uuid, "response_at" TIMESTAMP WITH TIME ZONE, "hidden_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6ab43f1e9b1cef0d8f3e56ce3a3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_ideas_author" ON "ideas"  ("author_id") `);
    await queryRunner.query(
      `CREATE INDEX "idx_ideas_location" ON "ideas" USING gist ("location") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_ideas_area" ON "ideas"  ("area_id") `);
    await queryRunner.query(
      `CREATE INDEX "idx_ideas_votes" ON "ideas"  ("vote_count", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_ideas_status_created" ON "ideas"  ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "idea_votes" ("idea_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f495e2e530cb43a0b93ddc79aa9" PRIMARY KEY ("idea_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_idea_votes_user" ON "idea_votes"  ("user_id") `);
    await queryRunner.query(
      `CREATE INDEX "idx_idea_votes_created" ON "idea_votes"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "flags" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "target_type" character varying(16) NOT NULL, "target_id" uuid NOT NULL, "reporter_id" uuid NOT NULL, "reason" text NOT NULL, "resolution" character varying(10), "resolved_by_id" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_flags_target_reporter" UNIQUE ("target_type", "target_id", "reporter_id"), CONSTRAINT "PK_ea7e333c92a55de9e9b8d0b9afd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_flags_open" ON "flags"  ("resolved_at", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "target_type" character varying(16) NOT NULL, "target_id" uuid NOT NULL, "title" text NOT NULL, "body" text NOT NULL DEFAULT '', "count" integer NOT NULL DEFAULT '1', "coalesce_key" character varying(120), "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_notifications_user_coalesce" ON "notifications"  ("user_id", "coalesce_key", "updated_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_notifications_user_created" ON "notifications"  ("user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "notification_id" uuid NOT NULL, "channel" character varying(12) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_outbox_due" ON "outbox"  ("delivered_at", "next_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "supports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "request_id" uuid NOT NULL, "show_name" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_supports_user_request" UNIQUE ("user_id", "request_id"), CONSTRAINT "PK_d8c2a7cbebc6494f00dda770105" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_supports_request" ON "supports"  ("request_id") `);
    await queryRunner.query(`ALTER TABLE "users" ADD "blocked_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "service_requests" ADD "hidden_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "reopen_requests" ADD CONSTRAINT "fk_reopen_requests_request" FOREIGN KEY ("request_id") REFERENCES "service_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reopen_requests" ADD CONSTRAINT "fk_reopen_requests_requester" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reopen_requests" ADD CONSTRAINT "fk_reopen_requests_decided_by" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_clubs" ADD CONSTRAINT "fk_block_clubs_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_members" ADD CONSTRAINT "fk_block_club_members_club" FOREIGN KEY ("club_id") REFERENCES "block_clubs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_members" ADD CONSTRAINT "fk_block_club_members_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_posts" ADD CONSTRAINT "fk_block_club_posts_club" FOREIGN KEY ("club_id") REFERENCES "block_clubs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_posts" ADD CONSTRAINT "fk_block_club_posts_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_actions" ADD CONSTRAINT "fk_block_club_actions_club" FOREIGN KEY ("club_id") REFERENCES "block_clubs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_actions" ADD CONSTRAINT "fk_block_club_actions_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_rsvps" ADD CONSTRAINT "fk_block_club_rsvps_action" FOREIGN KEY ("action_id") REFERENCES "block_club_actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_rsvps" ADD CONSTRAINT "fk_block_club_rsvps_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_adoptions" ADD CONSTRAINT "fk_block_club_adoptions_club" FOREIGN KEY ("club_id") REFERENCES "block_clubs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_adoptions" ADD CONSTRAINT "fk_block_club_adoptions_request" FOREIGN KEY ("request_id") REFERENCES "service_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_adoptions" ADD CONSTRAINT "fk_block_club_adoptions_adopted_by" FOREIGN KEY ("adopted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "fk_comments_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "fk_comments_parent" FOREIGN KEY ("parent_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "follows" ADD CONSTRAINT "fk_follows_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ideas" ADD CONSTRAINT "fk_ideas_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ideas" ADD CONSTRAINT "fk_ideas_service" FOREIGN KEY ("service_definition_id") REFERENCES "service_definitions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ideas" ADD CONSTRAINT "fk_ideas_area" FOREIGN KEY ("area_id") REFERENCES "areas"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ideas" ADD CONSTRAINT "fk_ideas_response_by" FOREIGN KEY ("response_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "idea_votes" ADD CONSTRAINT "fk_idea_votes_idea" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "idea_votes" ADD CONSTRAINT "fk_idea_votes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "flags" ADD CONSTRAINT "fk_flags_reporter" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "flags" ADD CONSTRAINT "fk_flags_resolved_by" FOREIGN KEY ("resolved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox" ADD CONSTRAINT "fk_outbox_notification" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supports" ADD CONSTRAINT "fk_supports_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supports" ADD CONSTRAINT "fk_supports_request" FOREIGN KEY ("request_id") REFERENCES "service_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "supports" DROP CONSTRAINT "fk_supports_request"`);
    await queryRunner.query(`ALTER TABLE "supports" DROP CONSTRAINT "fk_supports_user"`);
    await queryRunner.query(`ALTER TABLE "outbox" DROP CONSTRAINT "fk_outbox_notification"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "fk_notifications_user"`);
    await queryRunner.query(`ALTER TABLE "flags" DROP CONSTRAINT "fk_flags_resolved_by"`);
    await queryRunner.query(`ALTER TABLE "flags" DROP CONSTRAINT "fk_flags_reporter"`);
    await queryRunner.query(`ALTER TABLE "idea_votes" DROP CONSTRAINT "fk_idea_votes_user"`);
    await queryRunner.query(`ALTER TABLE "idea_votes" DROP CONSTRAINT "fk_idea_votes_idea"`);
    await queryRunner.query(`ALTER TABLE "ideas" DROP CONSTRAINT "fk_ideas_response_by"`);
    await queryRunner.query(`ALTER TABLE "ideas" DROP CONSTRAINT "fk_ideas_area"`);
    await queryRunner.query(`ALTER TABLE "ideas" DROP CONSTRAINT "fk_ideas_service"`);
    await queryRunner.query(`ALTER TABLE "ideas" DROP CONSTRAINT "fk_ideas_author"`);
    await queryRunner.query(`ALTER TABLE "follows" DROP CONSTRAINT "fk_follows_user"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "fk_comments_parent"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "fk_comments_author"`);
    await queryRunner.query(
      `ALTER TABLE "block_club_adoptions" DROP CONSTRAINT "fk_block_club_adoptions_adopted_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_adoptions" DROP CONSTRAINT "fk_block_club_adoptions_request"`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_adoptions" DROP CONSTRAINT "fk_block_club_adoptions_club"`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_rsvps" DROP CONSTRAINT "fk_block_club_rsvps_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_rsvps" DROP CONSTRAINT "fk_block_club_rsvps_action"`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_actions" DROP CONSTRAINT "fk_block_club_actions_created_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_actions" DROP CONSTRAINT "fk_block_club_actions_club"`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_posts" DROP CONSTRAINT "fk_block_club_posts_author"`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_posts" DROP CONSTRAINT "fk_block_club_posts_club"`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_members" DROP CONSTRAINT "fk_block_club_members_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_club_members" DROP CONSTRAINT "fk_block_club_members_club"`,
    );
    await queryRunner.query(
      `ALTER TABLE "block_clubs" DROP CONSTRAINT "fk_block_clubs_created_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reopen_requests" DROP CONSTRAINT "fk_reopen_requests_decided_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reopen_requests" DROP CONSTRAINT "fk_reopen_requests_requester"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reopen_requests" DROP CONSTRAINT "fk_reopen_requests_request"`,
    );
    await queryRunner.query(`ALTER TABLE "service_requests" DROP COLUMN "hidden_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "blocked_until"`);
    await queryRunner.query(`DROP INDEX "public"."idx_supports_request"`);
    await queryRunner.query(`DROP TABLE "supports"`);
    await queryRunner.query(`DROP INDEX "public"."idx_outbox_due"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP INDEX "public"."idx_notifications_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_notifications_user_coalesce"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."idx_flags_open"`);
    await queryRunner.query(`DROP TABLE "flags"`);
    await queryRunner.query(`DROP INDEX "public"."idx_idea_votes_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_idea_votes_user"`);
    await queryRunner.query(`DROP TABLE "idea_votes"`);
    await queryRunner.query(`DROP INDEX "public"."idx_ideas_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_ideas_votes"`);
    await queryRunner.query(`DROP INDEX "public"."idx_ideas_area"`);
    await queryRunner.query(`DROP INDEX "public"."idx_ideas_location"`);
    await queryRunner.query(`DROP INDEX "public"."idx_ideas_author"`);
    await queryRunner.query(`DROP TABLE "ideas"`);
    await queryRunner.query(`DROP INDEX "public"."idx_follows_target"`);
    await queryRunner.query(`DROP TABLE "follows"`);
    await queryRunner.query(`DROP INDEX "public"."idx_comments_target"`);
    await queryRunner.query(`DROP INDEX "public"."idx_comments_parent"`);
    await queryRunner.query(`DROP INDEX "public"."idx_comments_author"`);
    await queryRunner.query(`DROP TABLE "comments"`);
    await queryRunner.query(`DROP INDEX "public"."idx_block_club_adoptions_request"`);
    await queryRunner.query(`DROP TABLE "block_club_adoptions"`);
    await queryRunner.query(`DROP TABLE "block_club_rsvps"`);
    await queryRunner.query(`DROP INDEX "public"."idx_block_club_actions_club"`);
    await queryRunner.query(`DROP TABLE "block_club_actions"`);
    await queryRunner.query(`DROP INDEX "public"."idx_block_club_posts_club"`);
    await queryRunner.query(`DROP TABLE "block_club_posts"`);
    await queryRunner.query(`DROP INDEX "public"."idx_block_club_members_user"`);
    await queryRunner.query(`DROP TABLE "block_club_members"`);
    await queryRunner.query(`DROP INDEX "public"."idx_block_clubs_boundary"`);
    await queryRunner.query(`DROP TABLE "block_clubs"`);
    await queryRunner.query(`DROP INDEX "public"."idx_reopen_requests_request"`);
    await queryRunner.query(`DROP TABLE "reopen_requests"`);
  }
}
