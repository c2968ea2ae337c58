import type { Command } from '../Command.ts';
import { alertsCommand } from './alerts.ts';
import { dataApiCommand } from './dataApi.ts';
import { explorerCommand } from './explorer.ts';
import { generateCommand } from './generate.ts';
import { ingestCommand } from './ingest.ts';
import { loadCommand } from './load.ts';
import { migrateCommand } from './migrate.ts';
import { refreshCommand } from './refresh.ts';
import { siteCommand } from './site.ts';
import { startCommand } from './start.ts';
import { statusCommand } from './status.ts';
import { trackCommand } from './track.ts';
import { untrackCommand } from './untrack.ts';

/** Every `tubelens` subcommand, in the order `--help` lists them. Add one line per command. */
export const commands: readonly Command[] = [
  startCommand,
  migrateCommand,
  statusCommand,
  loadCommand,
  generateCommand,
  siteCommand,
  dataApiCommand,
  refreshCommand,
  explorerCommand,
  trackCommand,
  untrackCommand,
  ingestCommand,
  alertsCommand,
];
