import 'reflect-metadata';
import { printSchemaCommand } from '@practice/common';
import { resourcesSubgraph } from '../subgraph';

void printSchemaCommand(resourcesSubgraph);
