import 'reflect-metadata';
import { printSchemaCommand } from '@practice/common';
import { volunteersSubgraph } from '../subgraph';

void printSchemaCommand(volunteersSubgraph);
