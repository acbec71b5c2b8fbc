import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { VolunteersContext } from '../context';
import { PointsEntry } from './points-entry.entity';
import { AdjustPointsInput, RedeemPointsInput } from './points.inputs';
import { pointsEntriesOf } from './points.loaders';
import { PointsAccount, PointsEntryConnection } from './points.types';

@Resolver(() => PointsAccount)
export class PointsResolver {
  @FieldResolver(() => PointsEntryConnection, { description: 'The ledger, newest first' })
  entries(
    @Root() account: PointsAccount,
    @Ctx() ctx: VolunteersContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<PointsEntryConnection> {
    return pointsEntriesOf(ctx, first, after).load(account.volunteerId);
  }

  @Mutation(() => PointsEntry, {
    description: 'Spends points (the volunteer or a manager of their home site); fails with CONFLICT when the balance is too low',
  })
  redeemPoints(@Arg('input') input: RedeemPointsInput, @Ctx() ctx: VolunteersContext): Promise<PointsEntry> {
    return ctx.points.redeem(ctx.principal, input);
  }

  @Mutation(() => PointsEntry, { description: 'Corrects a balance with a reason (admins)' })
  adjustPoints(@Arg('input') input: AdjustPointsInput, @Ctx() ctx: VolunteersContext): Promise<PointsEntry> {
    return ctx.points.adjust(ctx.principal, input);
  }
}
