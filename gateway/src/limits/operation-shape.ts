import { DocumentNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';

/** What the depth and alias limits look at, with every fragment expanded where it is spread. */
export interface OperationShape {
  /** Levels of nested fields: `{ sites { totalCount } }` is 2. Introspection fields count too. */
  depth: number;
  /** Aliased fields, each time it occurs: a fragment with one alias spread twice counts 2. */
  aliases: number;
  /** Fields, fragment spreads and inline fragments: what the work of every later step grows with. */
  selections: number;
  /** Whether it asks for `__schema` or `__type` (`__typename` is not introspection here). */
  introspection: boolean;
}

const NOTHING: OperationShape = { depth: 0, aliases: 0, selections: 0, introspection: false };
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * The shape of one operation. Each fragment is measured once and reused wherever it is spread, so
 * a document whose fragments fan out exponentially costs linear time here (its counts may be huge,
 * which is what the limits are for). Skipped and included fields count alike: variables must not
 * change what a document is allowed to be.
 */
export function operationShape(document: DocumentNode, operation: OperationDefinitionNode): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  // null while a fragment is being measured: a spread of it inside itself (a cycle, which
  // validation has refused already) then counts as nothing instead of recursing forever.
  const measured = new Map<string, OperationShape | null>();

  const ofFragment = (name: string): OperationShape => {
    const known = measured.get(name);
    if (known !== undefined) return known ?? NOTHING;
    const fragment = fragments.get(name);
    if (!fragment) return NOTHING;
    measured.set(name, null);
    const shape = ofSelections(fragment.selectionSet);
    measured.set(name, shape);
    return shape;
  };

  const ofSelections = (selectionSet: SelectionSetNode): OperationShape => {
    const total = { ...NOTHING };
    for (const selection of selectionSet.selections) {
      let shape: OperationShape;
      if (selection.kind === Kind.FIELD) {
        const inner = selection.selectionSet ? ofSelections(selection.selectionSet) : NOTHING;
        shape = {
          depth: inner.depth + 1,
          aliases: inner.aliases + (selection.alias ? 1 : 0),
          selections: inner.selections,
          introspection: inner.introspection || INTROSPECTION_ROOTS.has(selection.name.value),
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        shape = ofSelections(selection.selectionSet);
      } else {
        shape = ofFragment(selection.name.value);
      }
      total.depth = Math.max(total.depth, shape.depth);
      total.aliases += shape.aliases;
      total.selections += shape.selections + 1;
      total.introspection ||= shape.introspection;
    }
    return total;
  };

  return ofSelections(operation.selectionSet);
}
