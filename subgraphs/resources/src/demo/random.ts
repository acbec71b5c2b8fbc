/** The demo generators' seeded random source, shared by every subgraph. */
export { Rng, mixSeed } from '@practice/common';
