/** To be written. */
export class MenuService {
  constructor(...dependencies: unknown[]) {
    void dependencies;
  }
}
