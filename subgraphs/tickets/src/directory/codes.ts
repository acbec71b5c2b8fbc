import { querySubgraph } from '@practice/common';

/**
 * Which of these codes the owning subgraph does not know: `field` is its query by code
 * (`category(code:)` of the resources subgraph, `skill(code:)` of the volunteers subgraph), asked
 * once for all codes with aliases.
 */
export async function unknownCodes(target: { url: string; subgraph: string }, field: 'category' | 'skill', codes: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(codes)];
  if (!unique.length) return new Set();
  const query = `query Codes(${unique.map((_, i) => `$c${i}: String!`).join(', ')}) { ${unique.map((_, i) => `c${i}: ${field}(code: $c${i}) { code }`).join(' ')} }`;
  const data = await querySubgraph<Record<string, { code: string } | null>>(target, query, Object.fromEntries(unique.map((code, i) => [`c${i}`, code])));
  return new Set(unique.filter((_, i) => !data[`c${i}`]));
}
