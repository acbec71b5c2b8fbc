import 'reflect-metadata';
import { printSchemaCommand } from '@practice/common';
import { ticketsSubgraph } from '../subgraph';

void printSchemaCommand(ticketsSubgraph);
