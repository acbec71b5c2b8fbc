import { GraphQLResolveInfo, Kind, SelectionNode } from 'graphql';

/** Deeper selections are not looked at: the gateway's depth limit refuses them before they arrive. */
const MAX_DEPTH = 20;

/**
 * The fields a resolver's caller selected below it, as dotted paths of field names (`groups.key.site`),
 * fragments and inline fragments expanded and aliases ignored. A field under `@skip` or `@include`
 * counts as selected: this tells what may be needed, so that work nobody asked for can be left out.
 */
export function selectedPaths(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> {
  const paths = new Set<string>();
  const visit = (selections: readonly SelectionNode[], prefix: string, depth: number, fragments: Set<string>) => {
    if (depth > MAX_DEPTH) return;
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        const path = prefix ? `${prefix}.${selection.name.value}` : selection.name.value;
        paths.add(path);
        if (selection.selectionSet) visit(selection.selectionSet.selections, path, depth + 1, fragments);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet.selections, prefix, depth + 1, fragments);
      } else if (!fragments.has(selection.name.value)) {
        // A fragment spread inside itself is invalid GraphQL; the guard keeps a bad document from looping.
        const fragment = info.fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet.selections, prefix, depth + 1, new Set([...fragments, selection.name.value]));
      }
    }
  };
  for (const node of info.fieldNodes) if (node.selectionSet) visit(node.selectionSet.selections, '', 0, new Set());
  return paths;
}
