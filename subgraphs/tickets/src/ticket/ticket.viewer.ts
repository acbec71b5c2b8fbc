import type { TicketsContext } from '../context';
import type { Viewer } from './ticket.queries';

const viewers = new WeakMap<object, Promise<Viewer>>();

/**
 * The caller and what they are to tickets, once per request: a volunteer's teams are asked of the
 * volunteers subgraph (they may see and accept tickets dispatched to their teams).
 */
export function viewerOf(ctx: TicketsContext): Promise<Viewer> {
  let viewer = viewers.get(ctx.loaders);
  if (!viewer) {
    viewer = ctx.actions.relationOf(ctx).then((relation) => ({ principal: ctx.principal, relation }));
    viewers.set(ctx.loaders, viewer);
  }
  return viewer;
}
