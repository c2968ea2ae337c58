import type { Migration } from './Migration.ts';

/**
 * Least privilege in the database: three group roles, each granted only what one part of the
 * system needs in this database. They cannot log in; each deployment's migrate function creates
 * its own login users as members of them (functions/migrate/provisionDatabaseLogins.ts), with
 * passwords from Secrets Manager, so no password is ever in a migration.
 * - tubelens_read: the explorer. Reads every table, writes none.
 * - tubelens_ingest: the YouTube ingest. Reads everything; writes every table except the
 *   refresh's bookkeeping and the migration ledger (the catalogue, tracking, its own tables, its
 *   lease in job_locks, and rollup tables earlier migrations added).
 * - tubelens_refresh: the report refresh. Reads everything; writes only its bookkeeping
 *   (refresh_runs) and its lease (job_locks). Reports go to S3, not to the database.
 * Schema changes stay with the migrating user (the stack's admin secret), the owner of every table.
 *
 * Roles are cluster-wide, and many databases on one server (test runs, stages sharing a
 * cluster) migrate at once: CREATE ROLE is guarded against duplicate_object and, when two
 * transactions race, unique_violation on pg_authid; everything else here is per database.
 * Re-running this file is harmless. Tables added by later migrations are readable by all three
 * roles through the default privileges below; a later migration that adds a table the ingest or
 * the refresh must write grants that write itself (GRANT INSERT, UPDATE, DELETE ON t TO ...).
 */
export const migration: Migration = {
  version: 7,
  name: 'roles',
  sql: /* sql */ `
DO $$
BEGIN
  CREATE ROLE tubelens_read NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

DO $$
BEGIN
  CREATE ROLE tubelens_ingest NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

DO $$
BEGIN
  CREATE ROLE tubelens_refresh NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

-- PostgreSQL 15 and later already deny CREATE in public to PUBLIC; older clusters did not.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

DO $$
BEGIN
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO tubelens_read, tubelens_ingest, tubelens_refresh', current_database());
END $$;

GRANT USAGE ON SCHEMA public TO tubelens_read, tubelens_ingest, tubelens_refresh;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO tubelens_read, tubelens_ingest, tubelens_refresh;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
  GRANT SELECT ON TABLES TO tubelens_read, tubelens_ingest, tubelens_refresh;

-- Every table but the refresh's bookkeeping and the migration ledger: the catalogue (channels,
-- videos, their daily stats, categories), tracking, the ingest's own tables, job_locks, and any
-- data table an earlier migration added (rollups the ingest keeps current with its snapshots).
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN
    SELECT tablename FROM pg_tables
     WHERE schemaname = 'public' AND tablename NOT IN ('refresh_runs', 'schema_migrations')
  LOOP
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO tubelens_ingest', t);
  END LOOP;
END $$;

GRANT INSERT, UPDATE, DELETE ON refresh_runs, job_locks TO tubelens_refresh;
`,
};
