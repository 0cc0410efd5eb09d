// Words for the room's values (formats, segment kinds, roles, the show's status, sides) and for
// counts, from the console catalog; an unknown value gets a word of its group, never the raw code.
import { t, formatNumber } from '../i18n.js';

const formats = ['oxford', 'talk_show', 'round_table', 'fishbowl', 'custom'];
const kinds = ['vote_before', 'opening', 'free_debate', 'questions', 'closing', 'vote_after', 'conversation', 'round', 'fishbowl', 'intro', 'wrap_up'];
const roles = ['host', 'guest', 'panelist', 'seat', 'audience'];
const statuses = ['not_started', 'running', 'paused', 'ended'];

export const formatWord = (f) => t(`moderator.format.${formats.includes(f) ? f : 'custom'}`);
export const kindWord = (k) => t(`moderator.kind.${kinds.includes(k) ? k : 'other'}`);
export const roleWord = (r) => t(`moderator.role.${roles.includes(r) ? r : 'panelist'}`);
export const statusWord = (s) => t(`moderator.show_status.${statuses.includes(s) ? s : 'not_started'}`);
export const sideWord = (s) => (s === 'for' || s === 'against' ? t(`side.${s}`) : t('moderator.side_none'));
export const count = (key, n) => t(key, { count: n, n: formatNumber(n) });
