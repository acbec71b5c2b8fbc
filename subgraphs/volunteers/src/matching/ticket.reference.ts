import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';

/**
 * The tickets subgraph's Ticket, as far as matching needs it. The external fields are that
 * subgraph's copies of what the ticket needs and where (see notes on the tickets contract); the
 * gateway fetches them first for `candidateVolunteers`, so ranking needs no call to another subgraph.
 */
@ObjectType('Ticket')
@Directive('@key(fields: "id")')
export class TicketReference {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  categoryCode?: string | null;

  @Field(() => [String])
  @Directive('@external')
  neededSkillCodes?: string[];

  @Field(() => ID)
  @Directive('@external')
  servingSiteId?: string;

  @Field()
  @Directive('@external')
  servingSiteRegionCode?: string;

  @Field(() => [ID])
  @Directive('@external')
  servingSiteAncestorIds?: string[];

  @Field(() => Float, { nullable: true })
  @Directive('@external')
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @Directive('@external')
  longitude?: number | null;

  /** An ISO 8601 string in a representation. */
  @Field(() => Date, { nullable: true })
  @Directive('@external')
  desiredFrom?: Date | string | null;

  @Field(() => Date, { nullable: true })
  @Directive('@external')
  desiredTo?: Date | string | null;
}

/** The gateway hands over the representation with the required fields: kept as it is, read when ranking. */
export const resolveTicketReference = (reference: Record<string, unknown>): TicketReference => Object.assign(new TicketReference(), reference);
