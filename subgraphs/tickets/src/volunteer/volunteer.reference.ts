import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The volunteers subgraph's Volunteer, as far as this subgraph knows it: its id. */
@ObjectType('Volunteer')
@Directive('@key(fields: "id")')
export class VolunteerReference {
  @Field(() => ID)
  id!: string;
}

/** The volunteers subgraph's Team: referred to, nothing added, so the gateway never asks this subgraph for one. */
@ObjectType('Team')
@Directive('@key(fields: "id", resolvable: false)')
export class TeamReference {
  @Field(() => ID)
  id!: string;
}

export const volunteerReference = (id: string): VolunteerReference => Object.assign(new VolunteerReference(), { id });
export const teamReference = (id: string): TeamReference => Object.assign(new TeamReference(), { id });
