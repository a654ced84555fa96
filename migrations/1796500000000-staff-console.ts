import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff console (issue 5): a request may be assigned to a staff member of its agency, and the
 * staff queue reads one agency's open requests oldest first, so it gets an index that serves that
 * order without sorting the whole agency.
 */
export class StaffConsole1796500000000 implements MigrationInterface {
  name = 'StaffConsole1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "service_requests" ADD "assignee_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "idx_service_requests_assignee" ON "service_requests"  ("assignee_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_service_requests_agency_status_requested" ON "service_requests"  ("agency_id", "status", "requested_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "service_requests" ADD CONSTRAINT "fk_service_requests_assignee" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "service_requests" DROP CONSTRAINT "fk_service_requests_assignee"`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_service_requests_agency_status_requested"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_requests_assignee"`);
    await queryRunner.query(`ALTER TABLE "service_requests" DROP COLUMN "assignee_id"`);
  }
}
