import 'reflect-metadata';
import { migrateCommand } from '@practice/common';
import { resourcesSubgraph } from '../subgraph';

void migrateCommand(resourcesSubgraph);
