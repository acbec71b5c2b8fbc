import { FragmentDefinitionNode, Kind, OperationDefinitionNode, FieldNode, parse } from 'graphql';
import { selectedPaths } from './selection';

function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selectedPaths', () => {
  it('names every field below the resolver by its path, through fragments, inline fragments and aliases', () => {
    const paths = selectedPaths(
      infoOf(`{ ticketStats { groups { count d: dispatchHours { ...H } ... on TicketGroup { completionHours { average } } } } }
        fragment H on TicketDurationStats { average p90 }`),
    );
    expect([...paths].sort()).toEqual([
      'groups',
      'groups.completionHours',
      'groups.completionHours.average',
      'groups.count',
      'groups.dispatchHours',
      'groups.dispatchHours.average',
      'groups.dispatchHours.p90',
    ]);
  });

  it('is empty for a field without selections', () => {
    expect(selectedPaths(infoOf('{ ping }')).size).toBe(0);
  });
});
