import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { Role, decodeCursor, forbidden, isUuid, pageSize, requireUser, toConnection, type AuthUser, regionsUnder } from '@sme/kernel';
import { Member } from '../members/member.entity';
import { Appointment } from './appointment.entity';
import type { AppointmentFilter } from './appointment.inputs';

/**
 * Service appointments a user may list (河北 第十三条（二）; contacts are not public, SPEC §2): analysts and
 * admins all; reviewers those of members in their region (the province's reviewers the whole library); an
 * applicant its own institution's. The scope is part of the query, so a member outside it lists as empty.
 * `overdue` is judged as of `today` exactly as `isOverdue` judges it. Keyset-paginated over
 * (requested_on, id): two statements a page whatever its size.
 */
export async function listAppointments(
  em: EntityManager, user: AuthUser | null, filter: AppointmentFilter | null | undefined, first: number | null | undefined, after: string | null | undefined, today: string,
) {
  const u = requireUser(user);
  if (u.role === Role.EXPERT) throw forbidden({ zh: '专家不能查看服务预约', en: 'Experts cannot list service appointments' });
  const size = pageSize(first);
  const cursor = decodeCursor(after, 2);
  const members = (where: Record<string, unknown>) => ({ $in: em.createQueryBuilder(Member, 'm').select('m.id').where(where).getKnexQuery() });
  const where = <Q extends QueryBuilder<Appointment, 'a'>>(qb: Q): Q => {
    if (u.role === Role.APPLICANT) qb.andWhere({ memberId: members({ institutionId: u.institutionId }) });
    else if (u.role !== Role.ADMIN && u.role !== Role.ANALYST) qb.andWhere({ memberId: members({ regionCode: { $in: regionsUnder(u.region!) } }) });
    if (filter?.memberId != null) {
      if (isUuid(filter.memberId)) qb.andWhere({ memberId: filter.memberId });
      else qb.andWhere('1 = 0'); // a malformed id matches nothing
    }
    if (filter?.open != null) qb.andWhere({ handledOn: filter.open ? null : { $ne: null } });
    if (filter?.overdue != null) {
      // handled: handled after the deadline; open: the deadline has passed. Each branch is a partial index's
      // predicate (appointments_handled_late_idx, appointments_open_idx …), so the province-wide flag reads no
      // appointment it does not return.
      const condition = filter.overdue
        ? '(a.handled_on > a.due_by or (a.handled_on is null and a.due_by < ?::date))'
        : '(a.handled_on <= a.due_by or (a.handled_on is null and a.due_by >= ?::date))';
      qb.andWhere(condition, [today]);
    }
    return qb;
  };
  const page = where(em.createQueryBuilder(Appointment, 'a').select('*'));
  if (cursor) page.andWhere('(a.requested_on, a.id) > (?::date, ?::uuid)', [cursor[0], cursor[1]]);
  page.orderBy({ requestedOn: 'asc', id: 'asc' }).limit(size + 1);
  const [rows, total] = await Promise.all([page.getResultList(), where(em.createQueryBuilder(Appointment, 'a')).getCount()]);
  return toConnection(rows, size, total, (a) => [a.requestedOn, a.id]);
}
