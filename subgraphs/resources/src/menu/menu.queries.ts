/** To be written. */
export class MenuQueries {
  constructor(...dependencies: unknown[]) {
    void dependencies;
  }
}
