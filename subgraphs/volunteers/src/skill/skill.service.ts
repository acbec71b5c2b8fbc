import { IsPlainText, Principal, badInput, conflict, forbidden, isAdmin, isUniqueViolation, requireSignedIn, runTransaction, uuidv7 } from '@practice/common';
import { Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { DataSource, EntityManager, In } from 'typeorm';
import { SKILL_CODE } from '../shared/patterns';
import { Skill } from './skill.entity';

@InputType()
export class CreateSkillInput {
  @Field({ description: 'PARENT.CHILD under a parent, or a new top-level code' })
  @Matches(SKILL_CODE, { message: 'must be a code such as MEDICAL or MEDICAL.FIRST_AID' })
  code!: string;

  @Field()
  @IsPlainText(2, 50)
  name!: string;
}

/** The skills tree: seeded with the catalogue, extended by admins. */
export class SkillService {
  constructor(private readonly db: DataSource) {}

  /** The skills named by `codes`, each one checked: an unknown code is bad input at its index. */
  async byCodes(manager: EntityManager, codes: readonly string[], field: string): Promise<Skill[]> {
    if (!codes.length) return [];
    const found = await manager.getRepository(Skill).findBy({ code: In([...codes]) });
    const byCode = new Map(found.map((skill) => [skill.code, skill]));
    codes.forEach((code, index) => {
      if (!byCode.has(code)) throw badInput(`${field}[${index}]`, `Unknown skill ${code}`, 'UNKNOWN_SKILL');
    });
    return codes.map((code) => byCode.get(code)!);
  }

  /** The skill of a single-valued field such as `input.specialtySkillCode`. */
  async byCode(manager: EntityManager, code: string, field: string): Promise<Skill> {
    const skill = await manager.getRepository(Skill).findOneBy({ code });
    if (!skill) throw badInput(field, `Unknown skill ${code}`, 'UNKNOWN_SKILL');
    return skill;
  }

  /** The paths of the skills named by `codes`, for matching them and their descendants. */
  async pathsOf(codes: readonly string[], field: string): Promise<string[]> {
    return (await this.byCodes(this.db.manager, codes, field)).map((skill) => skill.path);
  }

  /** Adds a skill: admins only. A code with a dot goes under the skill its first part names. */
  async create(principal: Principal, input: CreateSkillInput): Promise<Skill> {
    requireSignedIn(principal);
    if (!isAdmin(principal)) throw forbidden('Only admins add skills', 'ADMIN_ONLY');
    try {
      return await runTransaction(this.db, async (manager) => {
        const repository = manager.getRepository(Skill);
        const existing = await repository.findOneBy({ code: input.code });
        if (existing) return this.sameOrConflict(existing, input);
        const parentCode = input.code.includes('.') ? input.code.split('.')[0] : null;
        const parent = parentCode ? await repository.findOneBy({ code: parentCode }) : null;
        if (parentCode && !parent) throw badInput('input.code', `There is no skill ${parentCode} to put ${input.code} under`, 'UNKNOWN_SKILL');
        const id = uuidv7();
        return repository.save(
          repository.create({ id, code: input.code, name: input.name, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/` }),
        );
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.sameOrConflict(await this.db.getRepository(Skill).findOneByOrFail({ code: input.code }), input);
    }
  }

  private sameOrConflict(existing: Skill, input: CreateSkillInput): Skill {
    if (existing.name !== input.name) throw conflict(`Skill ${input.code} exists with another name`, { field: 'input.code', reason: 'CODE_TAKEN' });
    return existing;
  }

  /** The top-level skills, or the children of one. */
  list(parentCode?: string | null): Promise<Skill[]> {
    const query = this.db.getRepository(Skill).createQueryBuilder('k').orderBy('k.code', 'ASC');
    if (parentCode) query.innerJoin(Skill, 'p', 'p.id = k.parent_id').where('p.code = :parentCode', { parentCode });
    else query.where('k.parent_id IS NULL');
    return query.getMany();
  }

  findByCode(code: string): Promise<Skill | null> {
    return this.db.getRepository(Skill).findOneBy({ code });
  }

  loadByIds(ids: readonly string[]): Promise<Skill[]> {
    return this.db.getRepository(Skill).findBy({ id: In([...ids]) });
  }

  childrenOf(parentIds: readonly string[]): Promise<Skill[]> {
    return this.db.getRepository(Skill).find({ where: { parentId: In([...parentIds]) }, order: { code: 'ASC' } });
  }
}
