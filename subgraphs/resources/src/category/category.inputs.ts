import { IsOptional, Matches } from 'class-validator';
import { IsPlainText, UUID_PATTERN } from '@practice/common';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A term a county (or an admin, province-wide) adds below an existing term' })
export class CreateCategoryInput {
  @Field({ description: 'Code of the parent term, e.g. SERVICE.HEALTH' })
  @Matches(/^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/, { message: 'must be a category code such as SERVICE.HEALTH' })
  parentCode!: string;

  @Field({ description: 'The new part of the code: capital letters, digits and _, e.g. TEAHOUSE gives SERVICE.CULTURE.TEAHOUSE' })
  @Matches(/^[A-Z][A-Z0-9_]{0,15}$/, { message: 'must be 1 to 16 capital letters, digits or _, starting with a letter' })
  codePart!: string;

  @Field()
  @IsPlainText(1, 50)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The county’s center adding the term for its county; omitted by admins adding a province-wide term' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  centerSiteId?: string;
}
