import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ResourcesContext } from '../context';
import { ImportResourcesInput } from './resource.inputs';
import { ResourceImportReport } from './resource-import.types';

@Resolver()
export class ResourceImportResolver {
  @Mutation(() => ResourceImportReport, {
    description:
      'Upserts resources of a catalogue by the publisher’s externalKey, all or nothing (its owners only): every row is checked first and any problem writes nothing; importing the same rows again changes nothing',
  })
  importResources(@Arg('input') input: ImportResourcesInput, @Ctx() ctx: ResourcesContext): Promise<ResourceImportReport> {
    return ctx.imports.importResources(ctx, input);
  }
}
