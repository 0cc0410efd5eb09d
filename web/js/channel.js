// A brand's channel before the show (/c/<channel>, and /c/<channel>/t<n> for one topic, the link a
// person shares): its topics by category and state, proposing a subject, and on a topic's page the
// opinion "essential / interesting / not for me" with a word for the organizers. Visitors need no
// account: the first proposal or opinion creates an anonymous identity for the channel, kept in this
// browser. The organizer opens the same page with the organizer token in the fragment
// (#token=...), answers each proposal in public and prepares the show and its panel. One template,
// rendered again on every change: what a person is typing survives.
//
// The page's modules are in channel/: state.js (where the page is, what it holds, and draw),
// api.js (the server, the visitor's identity, one action at a time, loading), time.js, parts.js
// (what the views share), list.js (the channel's topics), find.js (searching them, a page at a
// time), moderation.js (the public moderation log, hiding a proposal), propose.js, topic.js (a
// topic's page), comments.js, submissions.js (an application, a sponsor offer), advance.js
// (questions sent for the show), organizer.js (the organizer's tools), preparation.js (the panel's
// notes and questionnaire), webhooks.js (the organizer's webhooks and their deliveries), flags.js
// (the organizer's flagged lane and the channel's words that flag) and view.js, the one template. This file waits for the words and the
// limits, then loads and draws.
import { initI18n, onLanguageChange } from './i18n.js';
import { loadLimits } from './limits.js';
import { setRenderer, draw } from './channel/state.js';
import { load } from './channel/api.js';
import { paint } from './channel/view.js';

await Promise.all([loadLimits(), initI18n('channel')]);

setRenderer(paint);
onLanguageChange(() => draw());

draw();
load();
