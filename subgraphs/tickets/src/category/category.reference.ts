import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * The resources subgraph's Category, named by its code: tickets store the code (copied at
 * submission), not the id. This subgraph cannot resolve a category (`resolvable: false`): the
 * gateway takes the code to the resources subgraph, which joins categories by code.
 */
@ObjectType('Category')
@Directive('@key(fields: "code", resolvable: false)')
export class CategoryReference {
  @Field({ description: 'Stable code, e.g. SERVICE.HEALTH; a child extends its parent’s code' })
  code!: string;
}

export const categoryReference = (code: string): CategoryReference => Object.assign(new CategoryReference(), { code });
