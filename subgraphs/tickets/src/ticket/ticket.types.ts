import { ConnectionType, EdgeType } from '@practice/common';
import { Field, Float, ObjectType } from 'type-graphql';
import { VolunteerReference } from '../volunteer/volunteer.reference';
import { Ticket } from './ticket.entity';

@ObjectType()
export class TicketEdge extends EdgeType(Ticket) {}

@ObjectType()
export class TicketConnection extends ConnectionType(TicketEdge) {}

@ObjectType({ description: 'Who asked: an account, or a name and phone taken down by staff. Personal data: in full only for those entitled' })
export class TicketRequester {
  @Field({ description: 'Whether the requester submitted with their own account' })
  hasAccount!: boolean;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Masked (138****1234) unless you are entitled' })
  phone!: string | null;
}

@ObjectType('TicketFormAnswer', { description: 'An answer to a field of the ordered resource’s order form' })
export class FormAnswerType {
  @Field()
  key!: string;

  @Field(() => String, { nullable: true })
  value!: string | null;

  @Field(() => [String], { nullable: true })
  values!: string[] | null;
}

@ObjectType({ description: 'A volunteer who served the ticket, with the hours served' })
export class TicketParticipant {
  @Field(() => VolunteerReference)
  volunteer!: VolunteerReference;

  @Field(() => Float)
  hours!: number;
}
