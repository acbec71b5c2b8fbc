import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Star level (星级) from verified hours, with what the next level needs' })
export class StarLevel {
  @Field(() => Int, { description: '0 to the number of configured levels' })
  level!: number;

  @Field(() => Float)
  verifiedHours!: number;

  @Field(() => Int, { nullable: true, description: 'null at the highest level' })
  nextLevel!: number | null;

  @Field(() => Float, { nullable: true, description: 'Verified hours the next level needs' })
  nextLevelHours!: number | null;

  @Field(() => Float, { nullable: true, description: 'Hours still needed for the next level' })
  hoursToNextLevel!: number | null;
}

@ObjectType({ description: 'A configured star level and the verified hours it needs' })
export class StarLevelRule {
  @Field(() => Int)
  level!: number;

  @Field(() => Float)
  minimumHours!: number;
}

/** Star levels from thresholds that are configuration (STAR_THRESHOLDS). */
export class StarLevels {
  private readonly thresholds: number[];

  /** `thresholdHours`: hours for level 1, 2, … strictly increasing. */
  constructor(thresholdHours: number[]) {
    this.thresholds = thresholdHours.map((hours) => Math.round(hours * 100));
  }

  get rules(): StarLevelRule[] {
    return this.thresholds.map((hundredths, index) => ({ level: index + 1, minimumHours: hundredths / 100 }));
  }

  get maxLevel(): number {
    return this.thresholds.length;
  }

  levelOf(verifiedHundredths: number): number {
    return this.thresholds.filter((threshold) => verifiedHundredths >= threshold).length;
  }

  of(verifiedHundredths: number): StarLevel {
    const level = this.levelOf(verifiedHundredths);
    const next = this.thresholds[level];
    return {
      level,
      verifiedHours: verifiedHundredths / 100,
      nextLevel: next === undefined ? null : level + 1,
      nextLevelHours: next === undefined ? null : next / 100,
      hoursToNextLevel: next === undefined ? null : (next - verifiedHundredths) / 100,
    };
  }

  /** Hundredths of an hour that star level 1 needs. */
  get firstThreshold(): number {
    return this.thresholds[0];
  }

  /**
   * The level of a column of verified hundredths, as SQL: a CASE from the highest threshold down.
   * The thresholds are integers from the configuration, written into the text so that the
   * expression is the same wherever it is repeated.
   */
  sqlOf(column: string): string {
    const cases = this.thresholds.map((threshold, index) => `WHEN ${column} >= ${threshold} THEN ${index + 1}`).reverse();
    return `(CASE ${cases.join(' ')} ELSE 0 END)`;
  }

  /** The range of verified hundredths of a level, for filtering in SQL: [min, max) with max null at the top. */
  rangeOf(level: number): { min: number; max: number | null } {
    return { min: level === 0 ? 0 : this.thresholds[level - 1], max: this.thresholds[level] ?? null };
  }
}
