import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalogue in other languages: each service's name and description and each question's
 * prompt, hint and choice labels, as JSON keyed by language beside the English row. The seed fills
 * the Spanish text of Chicago's catalogue; staff edit it in the admin console.
 */
export class CatalogueTranslations1796700000000 implements MigrationInterface {
  name = 'CatalogueTranslations1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "service_definitions" ADD "translations" jsonb NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_attributes" ADD "translations" jsonb NOT NULL DEFAULT '{}'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "service_attributes" DROP COLUMN "translations"`);
    await queryRunner.query(`ALTER TABLE "service_definitions" DROP COLUMN "translations"`);
  }
}
