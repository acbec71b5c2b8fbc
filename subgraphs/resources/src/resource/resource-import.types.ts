import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Resource } from './resource.entity';

export enum ImportOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
}

registerEnumType(ImportOutcome, { name: 'ImportOutcome', description: 'What an import did (or, on a dry run, would do) with a row' });

@ObjectType({ description: 'One row of an import and the resource of its key' })
export class ImportedResource {
  @Field(() => Int, { nullable: true, description: 'The line the row gave' })
  line!: number | null;

  @Field()
  externalKey!: string;

  @Field(() => ImportOutcome)
  outcome!: ImportOutcome;

  @Field(() => Resource, { nullable: true, description: 'The resource as the import left it; on a dry run as it is, and null for a new key' })
  resource!: Resource | null;
}

@ObjectType({ description: 'What an import wrote, or on a dry run would write' })
export class ResourceImportReport {
  @Field({ description: 'Whether nothing was written' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'Rows of the input' })
  total!: number;

  @Field(() => Int, { description: 'New resources, for keys the publisher did not have' })
  created!: number;

  @Field(() => Int, { description: 'Resources whose content or status changed' })
  updated!: number;

  @Field(() => Int, { description: 'Resources that became PUBLISHED: new ones and drafts or withdrawn ones published by their row' })
  published!: number;

  @Field(() => Int, { description: 'Rows identical to the stored resource, which changed nothing' })
  unchanged!: number;

  @Field(() => [ImportedResource], { description: 'One per row, in the order of the rows' })
  resources!: ImportedResource[];
}
