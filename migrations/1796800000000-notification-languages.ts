import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications in the reader's language: each keeps its English title and body and, beside them,
 * the other languages' (`{ "es": { "title": …, "body": … } }`). Rows written before have none and
 * read in English.
 */
export class NotificationLanguages1796800000000 implements MigrationInterface {
  name = 'NotificationLanguages1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD "translations" jsonb NOT NULL DEFAULT '{}'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "translations"`);
  }
}
