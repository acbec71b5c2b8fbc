/** The subgraphs the supergraph is composed of, with their default local ports. */
export const SUBGRAPHS = [
  { name: 'sites', defaultPort: 4001 },
  { name: 'volunteers', defaultPort: 4002 },
  { name: 'resources', defaultPort: 4003 },
  { name: 'tickets', defaultPort: 4004 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const urlVariable = (name: string): string => `${name.toUpperCase()}_URL`;
export const defaultUrl = (port: number): string => `http://127.0.0.1:${port}/graphql`;
