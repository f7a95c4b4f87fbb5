import { hit, type Hit } from './categories.js';

const SHAPE = /^[A-Za-z0-9._%+'-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})$/;
/** RFC 2606 / RFC 6761 names that can never reach anyone. */
const RESERVED_DOMAIN =
  /(^|\.)example\.(com|org|net)$|\.(test|example|invalid|localhost)$|^(example|localhost)$/i;
/** Mailboxes of an organisation, not of a person. */
const ROLE_MAILBOX =
  /^(no-?reply|do-?not-?reply|support|info|admin|contact|help|billing|postmaster|webmaster|hello|sales|security|privacy|compliance|team|office|abuse|hostmaster)$/i;

/** The longest role mailbox above: a longer local part is not one. */
const LONGEST_ROLE = 'do-not-reply'.length;

export function checkEmail(raw: string): Hit | null {
  const v = raw.trim();
  const m = v.length <= 254 ? SHAPE.exec(v) : null;
  if (!m) return null;
  if (RESERVED_DOMAIN.test(m[1]!))
    return hit('email', v, { synthetic: `${m[1]} is a reserved example domain` });
  const at = v.length - m[1]!.length - 1;
  if (at <= LONGEST_ROLE && ROLE_MAILBOX.test(v.slice(0, at))) return null;
  return hit('email', v);
}
