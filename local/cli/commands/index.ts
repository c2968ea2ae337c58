import type { Command } from '../Command.ts';
import { dataApiCommand } from './dataApi.ts';
import { explorerCommand } from './explorer.ts';
import { loadCommand } from './load.ts';
import { migrateCommand } from './migrate.ts';
import { refreshCommand } from './refresh.ts';
import { siteCommand } from './site.ts';
import { statusCommand } from './status.ts';

/** Every `tubelens` subcommand, in the order `--help` lists them. Add one line per command. */
export const commands: readonly Command[] = [
  migrateCommand,
  statusCommand,
  loadCommand,
  siteCommand,
  dataApiCommand,
  refreshCommand,
  explorerCommand,
];
