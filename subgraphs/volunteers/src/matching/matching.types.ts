import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Volunteer } from '../volunteer/volunteer.entity';

@ObjectType({ description: "One part of a candidate's score: value × weight = contribution; the contributions add up to the score" })
export class ScorePart {
  @Field({ description: 'skill, distance, availability, workload, reliability or star (the names MATCH_WEIGHTS uses)' })
  name!: string;

  @Field(() => Float, { description: 'How well the candidate does on this part, 0 to 1' })
  value!: number;

  @Field(() => Float, { description: 'Its weight in the configuration (MATCH_WEIGHTS); the weights add up to 1' })
  weight!: number;

  @Field(() => Float)
  contribution!: number;
}

@ObjectType({ description: 'A volunteer who passes the hard filters of a ticket, with the score that ranks them and why' })
export class VolunteerCandidate {
  @Field(() => Volunteer, { description: 'Personal data as Volunteer discloses it to you' })
  volunteer!: Volunteer;

  @Field(() => Float, { description: 'The weighted sum of the parts, 0 to 1' })
  score!: number;

  @Field(() => Int, { description: '1 for the best; ties go to the volunteer registered first' })
  rank!: number;

  @Field(() => [ScorePart])
  parts!: ScorePart[];

  @Field(() => Float, { nullable: true, description: "Great-circle km from the home site to the ticket; null when either place's location is unknown" })
  distanceKm!: number | null;

  @Field(() => Int, { description: 'Tickets the volunteer has accepted and not yet completed' })
  openAssignments!: number;

  @Field(() => [String], { description: 'The needed skills of the ticket that the volunteer has, or has a skill below' })
  matchedSkillCodes!: string[];
}
