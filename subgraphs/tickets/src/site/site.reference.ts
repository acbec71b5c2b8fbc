import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The sites subgraph's Site, as far as this subgraph knows it: its id. */
@ObjectType('Site')
@Directive('@key(fields: "id")')
export class SiteReference {
  @Field(() => ID)
  id!: string;
}

export const siteReference = (id: string): SiteReference => Object.assign(new SiteReference(), { id });
