import { registerEnumType } from 'type-graphql';

export enum SiteKind {
  CENTER = 'CENTER',
  INSTITUTE = 'INSTITUTE',
  STATION = 'STATION',
  POINT = 'POINT',
  SECTOR_SUBCENTER = 'SECTOR_SUBCENTER',
}

export enum SiteStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  ARCHIVED = 'ARCHIVED',
}

/** The departments that run sector sub-centers (行业分中心). */
export enum Sector {
  HOUSING = 'HOUSING',
  CITY_MANAGEMENT = 'CITY_MANAGEMENT',
  WATER = 'WATER',
  HEALTH = 'HEALTH',
  JUSTICE = 'JUSTICE',
  SCIENCE_ASSOCIATION = 'SCIENCE_ASSOCIATION',
  POWER_SUPPLY = 'POWER_SUPPLY',
  EDUCATION = 'EDUCATION',
  CULTURE_TOURISM = 'CULTURE_TOURISM',
  PUBLIC_SECURITY = 'PUBLIC_SECURITY',
  EMERGENCY_MANAGEMENT = 'EMERGENCY_MANAGEMENT',
  AGRICULTURE = 'AGRICULTURE',
  ECOLOGY_ENVIRONMENT = 'ECOLOGY_ENVIRONMENT',
  CIVIL_AFFAIRS = 'CIVIL_AFFAIRS',
  HUMAN_RESOURCES = 'HUMAN_RESOURCES',
  FEDERATION_OF_TRADE_UNIONS = 'FEDERATION_OF_TRADE_UNIONS',
  COMMUNIST_YOUTH_LEAGUE = 'COMMUNIST_YOUTH_LEAGUE',
  WOMENS_FEDERATION = 'WOMENS_FEDERATION',
  OTHER = 'OTHER',
}

export enum FacilityType {
  PARTY_MEMBER_SERVICE_CENTER = 'PARTY_MEMBER_SERVICE_CENTER',
  LIBRARY = 'LIBRARY',
  FARMHOUSE_BOOKSTORE = 'FARMHOUSE_BOOKSTORE',
  MORAL_LECTURE_HALL = 'MORAL_LECTURE_HALL',
  LECTURE_HALL = 'LECTURE_HALL',
  CULTURAL_ACTIVITY_ROOM = 'CULTURAL_ACTIVITY_ROOM',
  SPORTS_GROUND = 'SPORTS_GROUND',
  FITNESS_TRAIL = 'FITNESS_TRAIL',
  ELDERLY_DAY_CARE = 'ELDERLY_DAY_CARE',
  CHILDREN_ACTIVITY_ROOM = 'CHILDREN_ACTIVITY_ROOM',
  HEALTH_STATION = 'HEALTH_STATION',
  LEGAL_SERVICE_ROOM = 'LEGAL_SERVICE_ROOM',
  PSYCHOLOGICAL_COUNSELLING_ROOM = 'PSYCHOLOGICAL_COUNSELLING_ROOM',
  SCIENCE_POPULARIZATION_ROOM = 'SCIENCE_POPULARIZATION_ROOM',
  VOLUNTEER_SERVICE_STATION = 'VOLUNTEER_SERVICE_STATION',
  HISTORY_EXHIBITION_HALL = 'HISTORY_EXHIBITION_HALL',
  STORYTELLING_HALL = 'STORYTELLING_HALL',
  TEAHOUSE = 'TEAHOUSE',
  READING_ROOM_24H = 'READING_ROOM_24H',
  OTHER = 'OTHER',
}

/** Who conferred a demonstration designation (示范所/站/点). */
export enum DesignationLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
}

registerEnumType(SiteKind, {
  name: 'SiteKind',
  description: 'Level of a practice site: center (county) > institute (township) > station (village) > point; sector sub-centers are run by departments',
});
registerEnumType(SiteStatus, { name: 'SiteStatus' });
registerEnumType(Sector, { name: 'Sector', description: 'The department running a sector sub-center' });
registerEnumType(FacilityType, { name: 'FacilityType' });
registerEnumType(DesignationLevel, { name: 'DesignationLevel' });

/** Which kinds of parent each kind of site may have (null: must be a root). */
export const ALLOWED_PARENT_KINDS: Record<SiteKind, readonly SiteKind[] | null> = {
  [SiteKind.CENTER]: null,
  [SiteKind.INSTITUTE]: [SiteKind.CENTER],
  [SiteKind.STATION]: [SiteKind.INSTITUTE],
  [SiteKind.POINT]: [SiteKind.CENTER, SiteKind.INSTITUTE, SiteKind.STATION, SiteKind.SECTOR_SUBCENTER],
  [SiteKind.SECTOR_SUBCENTER]: [SiteKind.CENTER],
};
