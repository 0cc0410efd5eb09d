// Focus is never left on the page body: when an action removes the element that had the focus
// (an approved question leaves the pending queue), the focus goes to the same action of the item
// that took its place, else to the queue's heading (see moderator/view.js's paint).

// Where the focus was, in terms that survive a render: the element's key, its action, its item
// and that item's place in its list.
export function focusMemo(el) {
  const item = el.closest('[data-item]');
  const list = item?.closest('[data-list]');
  return {
    el,
    key: el.dataset?.focus || null,
    then: el.dataset?.then || null,
    action: el.dataset?.action || null,
    item: item?.dataset.item || null,
    list: list?.dataset.list || null,
    index: list ? [...list.children].indexOf(item) : -1,
    section: el.closest('section')?.id || null,
  };
}

export const byAttr = (name, value, root = document) => (value ? root.querySelector(`[${name}="${CSS.escape(value)}"]`) : null);
export const focusable = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]';

export function restoreFocus(memo) {
  if (memo.el.isConnected && !memo.el.disabled) {
    // Moved, not removed (a queue re-sorted): the same element, without scrolling.
    memo.el.focus({ preventScroll: true });
    if (document.activeElement === memo.el) return;
  }
  // `data-then` names where the focus goes when the element itself is gone for good (a key, or the
  // id of a heading): "End the show" leads to the heading that now says the show is over.
  const again = byAttr('data-focus', memo.key) || byAttr('data-focus', memo.then) || (memo.then && document.getElementById(memo.then));
  if (again) return again.focus();
  const list = byAttr('data-list', memo.list);
  if (list) {
    const items = [...list.querySelectorAll(':scope > [data-item]')];
    const item = items.find((x) => x.dataset.item === memo.item) || items[Math.min(memo.index, items.length - 1)];
    const target = item && (byAttr('data-action', memo.action, item) || item.querySelector(focusable));
    if (target) return target.focus();
  }
  const section = memo.section && document.getElementById(memo.section);
  (section?.querySelector(`h2[tabindex]`) || document.querySelector('h1')).focus();
}
