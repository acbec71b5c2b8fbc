/** Menu queries and inputs shared by the menu tests. */
export const MENU_FIELDS = `id status edition level period title notes version closedAt publisher { id }
  items { position quota note resource { id } } supersedes { id } supersededBy { id } editions { id edition status }`;
export const CREATE_MENU = `mutation($input: CreateMenuInput!) { createMenu(input: $input) { ${MENU_FIELDS} } }`;
export const READ_MENU = `query($id: ID!) { menu(id: $id) { ${MENU_FIELDS} } }`;

export interface MenuShape {
  id: string;
  status: string;
  edition: number;
  level: string;
  period: string;
  title: string;
  notes: string | null;
  version: number;
  closedAt: string | null;
  items: { position: number; quota: number; note: string | null; resource: { id: string } | null }[];
  supersededBy: { id: string } | null;
  editions: { id: string; edition: number; status: string }[];
}

export const menuInput = (publisherId: string, period: string, items: { resourceId: string; quota: number; note?: string }[]): Record<string, unknown> => ({
  publisherId,
  period,
  items,
});
