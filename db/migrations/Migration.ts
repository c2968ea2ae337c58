/** One numbered schema change. `sql` may hold several statements; the runner splits them. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
