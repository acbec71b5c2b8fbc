import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The sites subgraph's Site, as far as this subgraph knows it. `ancestorIds` and `regionCode` are the
 * sites subgraph's fields, required by `Site.menu` (the gateway fetches them first), so a site's
 * menu is found without asking the sites subgraph.
 */
@ObjectType('Site')
@Directive('@key(fields: "id")')
export class SiteReference {
  @Field(() => ID)
  id!: string;

  @Field(() => [ID])
  @Directive('@external')
  ancestorIds?: string[];

  @Field()
  @Directive('@external')
  regionCode?: string;
}

export const siteReference = (id: string): SiteReference => Object.assign(new SiteReference(), { id });

/** The gateway hands over `{ id }` plus, for fields that require them, `ancestorIds` and `regionCode`. */
export const resolveSiteReference = (reference: { id: string; ancestorIds?: string[]; regionCode?: string }): SiteReference =>
  Object.assign(new SiteReference(), reference);
