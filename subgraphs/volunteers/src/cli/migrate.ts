import 'reflect-metadata';
import { migrateCommand } from '@practice/common';
import { volunteersSubgraph } from '../subgraph';

void migrateCommand(volunteersSubgraph);
