// Arguments: the tree, rated by the audience, the person's own until they are published or
// dismissed, and the form that posts one (a stance and, if any, a source).
import { html, nothing, repeat } from '../lib.js';
import { t } from '../i18n.js';
import { argumentTree } from '../widgets.js';
import { limit } from '../limits.js';
import { room, ui, myArguments, draw } from './state.js';
import { act } from './live.js';
import { allowed } from './moment.js';
import { rateMore } from './opinion.js';

async function argue(e) {
  e.preventDefault();
  const form = e.target;
  const fields = { text: form.querySelector('textarea').value, stance: form.querySelector('select').value };
  const source = form.querySelector('[name=source]').value.trim();
  if (source) fields.source = source;
  const ack = await act('post_argument', fields);
  if (!ack) return;
  const id = ack.result?.argument;
  if (id && !ack.result.published) {
    myArguments.set(id, { id, text: fields.text.trim(), stance: fields.stance, status: 'pending' });
    ui.announce = t('audience.argument_sent');
  }
  form.reset();
  draw();
}

const rate = async (id, rating) => {
  if (await act('rate_argument', { argument: id, rating }) && room.me) room.me.ratings[id] = rating;
  draw();
};

export function argumentsCard(isEnded) {
  const waiting = [...myArguments.values()];
  const open = !isEnded && allowed('arguments');
  return html`<section class="card" aria-labelledby="arguments-title"><h2 id="arguments-title">${t('audience.arguments_title')}</h2>
    <div class="tree">${argumentTree(room, isEnded ? {} : { rate })}</div>
    ${rateMore(isEnded)}
    ${waiting.length > 0 ? html`<h3>${t('audience.my_arguments')}</h3>` : nothing}
    <ul class="plain" data-testid="my-arguments">${repeat(waiting, (a) => a.id, (a) => html`<li data-testid="my-argument" data-status=${a.status}>
      <span class="badge ${a.status}">${t(`argument_status.${a.status}`)}</span> <span class="qtext">${a.text}</span></li>`)}</ul>
    ${open ? html`<details><summary>${t('audience.add_argument')}</summary>
      <form id="argue" @submit=${argue}>
        <label for="argument-text">${t('audience.argument_label')}</label>
        <textarea id="argument-text" maxlength=${limit('argument_chars') ?? nothing} data-testid="argument-text-input"></textarea>
        <label for="argument-stance">${t('audience.stance')}</label>
        <select id="argument-stance" data-testid="argument-stance"><option value="for">${t('audience.stance_for')}</option><option value="against">${t('audience.stance_against')}</option></select>
        <label for="argument-source">${t('audience.source_label')}</label>
        <input type="url" id="argument-source" name="source" maxlength=${limit('source_chars') ?? nothing} placeholder="https://">
        <p><button type="submit" data-testid="send-argument">${t('audience.argument_send')}</button></p>
      </form></details>` : nothing}
  </section>`;
}
