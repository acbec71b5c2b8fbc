import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The resources subgraph's Resource, as far as this subgraph knows it: its id. */
@ObjectType('Resource')
@Directive('@key(fields: "id")')
export class ResourceReference {
  @Field(() => ID)
  id!: string;
}

export const resourceReference = (id: string): ResourceReference => Object.assign(new ResourceReference(), { id });
