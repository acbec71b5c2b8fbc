import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The tickets subgraph's Ticket, as far as this subgraph knows it: the fields `suggestedResources`
 * requires, which the gateway fetches from the tickets subgraph first. The serving site's place in
 * the tree is the ticket's copy, so suggestions need no call to the sites subgraph.
 */
@ObjectType('Ticket')
@Directive('@key(fields: "id")')
export class TicketReference {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  categoryCode?: string | null;

  @Field(() => ID)
  @Directive('@external')
  servingSiteId?: string;

  @Field()
  @Directive('@external')
  servingSiteRegionCode?: string;

  @Field(() => [ID])
  @Directive('@external')
  servingSiteAncestorIds?: string[];

  /** An ISO-8601 string in representations: they are not parsed by the scalar. */
  @Field(() => Date, { nullable: true })
  @Directive('@external')
  desiredFrom?: string | null;
}

/** The gateway hands over `{ id }` plus the fields `suggestedResources` requires; they are kept as sent. */
export const resolveTicketReference = (reference: Partial<TicketReference> & { id: string }): TicketReference =>
  Object.assign(new TicketReference(), reference);
