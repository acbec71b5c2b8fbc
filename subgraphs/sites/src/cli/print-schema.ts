import 'reflect-metadata';
import { printSchemaCommand } from '@practice/common';
import { sitesSubgraph } from '../subgraph';

void printSchemaCommand(sitesSubgraph);
