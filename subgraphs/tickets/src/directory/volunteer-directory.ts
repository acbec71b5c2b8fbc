import { lookupEntities } from '@practice/common';

export interface VolunteerFacts {
  id: string;
  name: string;
  status: string;
  teams: { team: { id: string } }[];
}

export interface TeamFacts {
  id: string;
  name: string;
  status: string;
}

/** Asks the volunteers subgraph about assignees and the teams of the calling volunteer, with the caller's token. */
export class VolunteerDirectory {
  constructor(private readonly url: string) {}

  volunteers(ids: readonly string[], authorization?: string): Promise<Map<string, VolunteerFacts>> {
    return lookupEntities<VolunteerFacts>({
      url: this.url,
      subgraph: 'volunteers',
      typeName: 'Volunteer',
      selection: 'id name status teams { team { id } }',
      ids,
      authorization,
    });
  }

  teams(ids: readonly string[], authorization?: string): Promise<Map<string, TeamFacts>> {
    return lookupEntities<TeamFacts>({ url: this.url, subgraph: 'volunteers', typeName: 'Team', selection: 'id name status', ids, authorization });
  }
}
