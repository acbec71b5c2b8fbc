import { lookupEntities } from '@practice/common';

/** An order-form field as the resources subgraph defines it. */
export interface OrderFormField {
  key: string;
  label: string;
  type: 'TEXT' | 'NUMBER' | 'DATE' | 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE';
  required: boolean;
  options: { value: string }[] | null;
  min: number | null;
  max: number | null;
  maxLength: number | null;
}

/** What a ticket copies of the resource it orders. */
export interface ResourceFacts {
  id: string;
  title: string;
  status: string;
  publisher: { id: string };
  categories: { code: string }[];
  orderForm: OrderFormField[];
}

const SELECTION = 'id title status publisher { id } categories { code } orderForm { key label type required options { value } min max maxLength }';

/** Asks the resources subgraph about resources being ordered, with the caller's token. */
export class ResourceDirectory {
  constructor(private readonly url: string) {}

  lookup(ids: readonly string[], authorization?: string): Promise<Map<string, ResourceFacts>> {
    return lookupEntities<ResourceFacts>({ url: this.url, subgraph: 'resources', typeName: 'Resource', selection: SELECTION, ids, authorization });
  }
}
