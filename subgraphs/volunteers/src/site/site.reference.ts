import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The sites subgraph's Site, as far as this subgraph knows it: its id. The fields this subgraph adds
 * to it (volunteers, teams, counts, leaderboard) are resolved from that id alone.
 */
@ObjectType('Site')
@Directive('@key(fields: "id")')
export class SiteReference {
  @Field(() => ID)
  id!: string;
}

export const siteReference = (id: string): SiteReference => Object.assign(new SiteReference(), { id });

/** The gateway hands over `{ id }`; nothing to load here. */
export const resolveSiteReference = (reference: { id: string }): SiteReference => siteReference(reference.id);
