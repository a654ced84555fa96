import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pre-aggregated map grid (issue 6, DESIGN.md §3): counts and coordinate sums of requests per
 * square cell of 150 m, 600 m and 2,400 m in UTM 16N (`location_metric`), per service and status,
 * so a zoomed-out map reads a few hundred rows instead of millions of points.
 *
 * The table is kept current by statement-level triggers with transition tables on
 * `service_requests` (insert, update, delete, truncate): one grouped upsert per statement, so a
 * bulk import of 260,000 rows costs one pass, not 260,000 upserts. Transition tables cannot be
 * combined with a column list, so the update trigger fires on every update and keeps only the rows
 * whose status, service or location changed. Plain plpgsql: it runs on the embedded PGlite too.
 *
 * The table is managed only here (no entity): TypeORM's drift check ignores tables it does not know.
 * Private services stay in the grid (a service may become private or public later); readers filter
 * them out by `service_definition_id`.
 */
export class RequestGrid1796200000000 implements MigrationInterface {
  name = 'RequestGrid1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "request_grid_cells" (
        "level" smallint NOT NULL,
        "cell_x" integer NOT NULL,
        "cell_y" integer NOT NULL,
        "service_definition_id" uuid NOT NULL,
        "status" character varying(8) NOT NULL,
        "count" integer NOT NULL,
        "sum_x" double precision NOT NULL,
        "sum_y" double precision NOT NULL,
        CONSTRAINT "pk_request_grid_cells"
          PRIMARY KEY ("level", "cell_x", "cell_y", "service_definition_id", "status")
      )`,
    );
    // Applies signed deltas (+1 for a row that arrives in a cell, -1 for one that leaves), then
    // removes the cells that became empty.
    await queryRunner.query(
      `CREATE FUNCTION request_grid_apply(
         sids uuid[], statuses varchar[], xs double precision[], ys double precision[], signs int[]
       ) RETURNS void LANGUAGE plpgsql AS $$
       BEGIN
         IF sids IS NULL THEN
           RETURN;
         END IF;
         INSERT INTO request_grid_cells AS g
                (level, cell_x, cell_y, service_definition_id, status, count, sum_x, sum_y)
         SELECT l.size, floor(d.x / l.size)::int, floor(d.y / l.size)::int, d.sid, d.st,
                sum(d.sign)::int, sum(d.sign * d.x), sum(d.sign * d.y)
           FROM unnest(sids, statuses, xs, ys, signs) AS d(sid, st, x, y, sign)
          CROSS JOIN (VALUES (150::smallint), (600::smallint), (2400::smallint)) AS l(size)
          GROUP BY 1, 2, 3, 4, 5
          ORDER BY 1, 2, 3, 4, 5
         ON CONFLICT (level, cell_x, cell_y, service_definition_id, status) DO UPDATE
            SET count = g.count + EXCLUDED.count,
                sum_x = g.sum_x + EXCLUDED.sum_x,
                sum_y = g.sum_y + EXCLUDED.sum_y;
         DELETE FROM request_grid_cells g
          USING (SELECT DISTINCT l.size, floor(d.x / l.size)::int AS cx, floor(d.y / l.size)::int AS cy,
                        d.sid, d.st
                   FROM unnest(sids, statuses, xs, ys, signs) AS d(sid, st, x, y, sign)
                  CROSS JOIN (VALUES (150::smallint), (600::smallint), (2400::smallint)) AS l(size)
                  WHERE d.sign < 0) k
          WHERE g.level = k.size AND g.cell_x = k.cx AND g.cell_y = k.cy
            AND g.service_definition_id = k.sid AND g.status = k.st AND g.count <= 0;
       END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION request_grid_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM request_grid_apply(array_agg(n.service_definition_id), array_agg(n.status),
                                    array_agg(ST_X(n.location_metric)), array_agg(ST_Y(n.location_metric)),
                                    array_agg(1))
            FROM grid_new_rows n;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION request_grid_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM request_grid_apply(array_agg(o.service_definition_id), array_agg(o.status),
                                    array_agg(ST_X(o.location_metric)), array_agg(ST_Y(o.location_metric)),
                                    array_agg(-1))
            FROM grid_old_rows o;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION request_grid_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM request_grid_apply(array_agg(d.sid), array_agg(d.st), array_agg(d.x),
                                    array_agg(d.y), array_agg(d.sign))
            FROM (
              SELECT o.service_definition_id AS sid, o.status AS st, ST_X(o.location_metric) AS x,
                     ST_Y(o.location_metric) AS y, -1 AS sign, n.service_definition_id AS nsid,
                     n.status AS nst, ST_X(n.location_metric) AS nx, ST_Y(n.location_metric) AS ny
                FROM grid_old_rows o JOIN grid_new_rows n ON n.id = o.id
            ) c
            CROSS JOIN LATERAL (VALUES (c.sid, c.st, c.x, c.y, c.sign),
                                       (c.nsid, c.nst, c.nx, c.ny, 1)) AS d(sid, st, x, y, sign)
           WHERE c.st IS DISTINCT FROM c.nst OR c.sid IS DISTINCT FROM c.nsid
              OR c.x IS DISTINCT FROM c.nx OR c.y IS DISTINCT FROM c.ny;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION request_grid_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         DELETE FROM request_grid_cells;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER request_grid_insert AFTER INSERT ON service_requests
         REFERENCING NEW TABLE AS grid_new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION request_grid_on_insert()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER request_grid_update AFTER UPDATE ON service_requests
         REFERENCING OLD TABLE AS grid_old_rows NEW TABLE AS grid_new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION request_grid_on_update()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER request_grid_delete AFTER DELETE ON service_requests
         REFERENCING OLD TABLE AS grid_old_rows
         FOR EACH STATEMENT EXECUTE FUNCTION request_grid_on_delete()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER request_grid_truncate AFTER TRUNCATE ON service_requests
         FOR EACH STATEMENT EXECUTE FUNCTION request_grid_on_truncate()`,
    );
    // backfill from the requests already there
    await queryRunner.query(
      `INSERT INTO request_grid_cells
              (level, cell_x, cell_y, service_definition_id, status, count, sum_x, sum_y)
       SELECT l.size, floor(ST_X(r.location_metric) / l.size)::int,
              floor(ST_Y(r.location_metric) / l.size)::int, r.service_definition_id, r.status,
              count(*)::int, sum(ST_X(r.location_metric)), sum(ST_Y(r.location_metric))
         FROM service_requests r
        CROSS JOIN (VALUES (150::smallint), (600::smallint), (2400::smallint)) AS l(size)
        GROUP BY 1, 2, 3, 4, 5`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "request_grid_truncate" ON "service_requests"`);
    await queryRunner.query(`DROP TRIGGER "request_grid_delete" ON "service_requests"`);
    await queryRunner.query(`DROP TRIGGER "request_grid_update" ON "service_requests"`);
    await queryRunner.query(`DROP TRIGGER "request_grid_insert" ON "service_requests"`);
    await queryRunner.query(`DROP FUNCTION request_grid_on_truncate()`);
    await queryRunner.query(`DROP FUNCTION request_grid_on_update()`);
    await queryRunner.query(`DROP FUNCTION request_grid_on_delete()`);
    await queryRunner.query(`DROP FUNCTION request_grid_on_insert()`);
    await queryRunner.query(
      `DROP FUNCTION request_grid_apply(uuid[], varchar[], double precision[], double precision[], int[])`,
    );
    await queryRunner.query(`DROP TABLE "request_grid_cells"`);
  }
}
