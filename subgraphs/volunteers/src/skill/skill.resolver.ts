import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { VolunteersContext } from '../context';
import { skillById } from '../volunteer/volunteer.loaders';
import { Skill } from './skill.entity';
import { CreateSkillInput } from './skill.service';
import { skillChildren } from './skill.loaders';

@Resolver(() => Skill)
export class SkillResolver {
  @Query(() => [Skill], { description: 'The top-level skills, or the children of one' })
  skills(@Ctx() ctx: VolunteersContext, @Arg('parentCode', () => String, { nullable: true }) parentCode?: string): Promise<Skill[]> {
    return ctx.skills.list(parentCode);
  }

  @Query(() => Skill, { nullable: true })
  skill(@Arg('code') code: string, @Ctx() ctx: VolunteersContext): Promise<Skill | null> {
    return ctx.skills.findByCode(code);
  }

  @FieldResolver(() => Skill, { nullable: true })
  parent(@Root() skill: Skill, @Ctx() ctx: VolunteersContext): Promise<Skill | null> | null {
    return skill.parentId ? skillById(ctx).load(skill.parentId) : null;
  }

  @FieldResolver(() => [Skill])
  children(@Root() skill: Skill, @Ctx() ctx: VolunteersContext): Promise<Skill[]> {
    return skillChildren(ctx).load(skill.id);
  }

  @Mutation(() => Skill, { description: 'Adds a skill to the tree (admins); PARENT.CHILD goes under PARENT' })
  createSkill(@Arg('input') input: CreateSkillInput, @Ctx() ctx: VolunteersContext): Promise<Skill> {
    return ctx.skills.create(ctx.principal, input);
  }
}
