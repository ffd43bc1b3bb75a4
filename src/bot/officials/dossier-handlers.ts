import {
  type DossierFilter,
  findDossierByReceiptCode,
  listDossiers,
} from "../../domain/dossiers/dossier-queries.js";
import type { DayRange } from "../intents/intent.js";
import { dossierDetail, dossierList, PAGE_SIZE } from "../templates/officials.js";
import { instantsOf, moreButton, type OfficialCtx } from "./official-context.js";

export interface DossierListQuery {
  heading: string;
  filter: { overdueAt?: string; dueFrom?: string; dueTo?: string };
}

function toFilter(q: DossierListQuery["filter"]): DossierFilter {
  return {
    ...(q.overdueAt ? { overdueAt: new Date(q.overdueAt) } : {}),
    ...(q.dueFrom ? { dueFrom: new Date(q.dueFrom) } : {}),
    ...(q.dueTo ? { dueTo: new Date(q.dueTo) } : {}),
  };
}

export async function showDossierPage(
  o: OfficialCtx,
  query: DossierListQuery,
  offset: number,
): Promise<void> {
  const { items, total } = await listDossiers(o.ctx.prisma, o.actor, toFilter(query.filter), {
    offset,
    limit: PAGE_SIZE,
  });
  const buttons = await moreButton(o, "dossiers", query, offset + items.length, total);
  await o.ctx.reply(dossierList(query.heading, items, total, offset, o.clock), buttons);
}

export function dossiersOverdue(o: OfficialCtx) {
  return showDossierPage(
    o,
    { heading: "Hồ sơ quá hạn", filter: { overdueAt: o.clock.now.toISOString() } },
    0,
  );
}

export function dossiersDue(o: OfficialCtx, range: DayRange) {
  const { from, to } = instantsOf(range);
  // Overdue ones are listed separately: "due today" means still on time.
  const start = new Date(Math.max(from.getTime(), o.clock.now.getTime()));
  return showDossierPage(
    o,
    {
      heading: `Hồ sơ hạn ${range.label}`,
      filter: { dueFrom: start.toISOString(), dueTo: to.toISOString() },
    },
    0,
  );
}

export async function dossierLookup(o: OfficialCtx, code: string): Promise<void> {
  const found = await findDossierByReceiptCode(o.ctx.prisma, o.actor, code);
  if (!found.ok) {
    await o.ctx.reply(
      found.reason === "ambiguous"
        ? `Có nhiều hồ sơ khớp "${code}". Anh/chị gửi đầy đủ mã biên nhận giúp em.`
        : `Không tìm thấy hồ sơ "${code}" trong phạm vi của anh/chị.`,
    );
    return;
  }
  await o.ctx.reply(dossierDetail(found.dossier, o.clock));
}
