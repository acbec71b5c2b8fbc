import 'reflect-metadata';
import { migrateCommand } from '@practice/common';
import { sitesSubgraph } from '../subgraph';

void migrateCommand(sitesSubgraph);
