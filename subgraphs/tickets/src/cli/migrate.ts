import 'reflect-metadata';
import { migrateCommand } from '@practice/common';
import { ticketsSubgraph } from '../subgraph';

void migrateCommand(ticketsSubgraph);
