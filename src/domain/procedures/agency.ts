/**
 * Who handles a catalogue procedure that a commune does not (commune_service false),
 * as a short name the assistant can tell a citizen: "Hải quan", "Kho bạc Nhà nước".
 *
 * The rules (assets/qa/referrals.json, `agencies` and `agencyByField`) were written from
 * the catalogue's `field` and `where` values and checked
 * against the reasons in ../shared/data/tthc/commune_service_decisions.tsv (see the
 * tests); they are rules rather than a code list so that new codes in a later catalogue
 * get an agency too.
 */

import { normalizeText } from "./search/normalize.js";
import { AGENCY_BY_FIELD, AGENCY_RULES, RECEIVERS } from "./search/synonyms.js";

/**
 * Who receives a commune procedure, from the first body its `where` names and the
 * receivers of assets/qa/referrals.json ("Công an cấp xã" → Công an xã, which has its own
 * office); null: the commune's one-stop desk.
 */
export function receiverOf(record: {
  where: string | null;
}): { body: string; communeAddress: boolean } | null {
  const first = record.where?.split(/[;,\n]/)[0];
  if (!first) return null;
  const text = normalizeText(first);
  const found = RECEIVERS.find((r) => new RegExp(r.where).test(` ${text} `));
  return found ? { body: found.body, communeAddress: found.communeAddress } : null;
}

/** First match wins (assets/qa/referrals.json, `agencies`). Field rules come first: `where` often lists several bodies. */
const RULES = AGENCY_RULES;

/** When `where` is empty or names no body: what the procedure's steps and legal basis say. */
const FIELD_FALLBACK = AGENCY_BY_FIELD;

/** `where` entries that name nobody ("Các cơ quan, tổ chức liên quan"). */
const VAGUE = /^(các cơ quan|cơ quan có thẩm quyền|cơ quan liên quan|người )/i;
const MAX_FALLBACK_LENGTH = 60;

export function agencyFor(record: { field: string | null; where: string | null }): string | null {
  const { field, where } = record;
  for (const rule of RULES) {
    if ((field && rule.field?.test(field)) || (where && rule.where?.test(where))) return rule.agency;
  }
  return (field && FIELD_FALLBACK.get(field)) || firstBody(where);
}

/** The first body `where` lists, when it is short enough to be a name. */
function firstBody(where: string | null): string | null {
  const first = where
    ?.split(/[;\n,]/)[0]
    ?.replace(/^[\s\-+•]+/, "")
    .replace(/\(.*$/, "")
    .trim();
  if (!first || first.length > MAX_FALLBACK_LENGTH || VAGUE.test(first)) return null;
  return first;
}
