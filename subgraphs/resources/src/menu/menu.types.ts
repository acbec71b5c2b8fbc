import { ConnectionType, EdgeType } from '@practice/common';
import { Field, Int, ObjectType } from 'type-graphql';
import { Resource } from '../resource/resource.entity';
import { SiteReference } from '../site/site.reference';
import { Menu } from './menu.entity';
import { MenuLevel } from './menu.enums';
import type { SiteMenuRow } from './menu.queries';

@ObjectType()
export class MenuEdge extends EdgeType(Menu) {}

@ObjectType()
export class MenuConnection extends ConnectionType(MenuEdge) {}

/** An item a citizen at a site can order, with the edition and publisher it comes from. */
@ObjectType({ description: 'Something a citizen at the site can order this month, and which menu offers it' })
export class SiteMenuItem {
  @Field(() => Resource)
  resource!: Resource;

  @Field(() => Int)
  quota!: number;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Int, { description: 'Place on its menu, from 1' })
  position!: number;

  @Field(() => Menu, { description: 'The published edition that lists it' })
  menu!: Menu;

  @Field(() => SiteReference, { description: 'The site whose menu it comes from' })
  publisher!: SiteReference;

  @Field(() => MenuLevel, { description: 'The level of that menu' })
  level!: MenuLevel;
}

@ObjectType()
export class SiteMenuItemEdge extends EdgeType(SiteMenuItem) {}

@ObjectType()
export class SiteMenuItemConnection extends ConnectionType(SiteMenuItemEdge) {}

/**
 * What a citizen at a site can order in a month: the published menus of the site and of the sites
 * above it, and those of sector sub-centers, each item only where its resource's service area
 * covers the site. Carries the site's rows, nearest publisher first, for its field resolvers.
 */
@ObjectType({
  description:
    'What a citizen at a site can order in a month: the published menus of the site, of the sites above it and of the sector sub-centers, where each resource’s service area covers the site; nearest publisher first',
})
export class SiteMenu {
  @Field({ description: 'The month, YYYY-MM' })
  period!: string;

  rows!: SiteMenuRow[];
}
