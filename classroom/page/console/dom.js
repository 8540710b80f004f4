// @ts-check
// Finding the page's elements. A missing one is a bug in index.html, so it throws at once
// instead of handing `null` to the code that draws.

/**
 * The element with this id, checked to be a `type` (HTMLElement when omitted).
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @param {{ new (): T }} [type]
 * @returns {T}
 */
export function $(id, type) {
  const el = document.getElementById(id);
  if (!(el instanceof (type ?? HTMLElement))) throw new Error(`#${id}: no such ${type?.name ?? 'element'}`);
  return /** @type {T} */ (el);
}

/**
 * The first element under `parent` matching `selector`, checked to be a `type`.
 * @template {HTMLElement} [T=HTMLElement]
 * @param {ParentNode} parent
 * @param {string} selector
 * @param {{ new (): T }} [type]
 * @returns {T}
 */
export function part(parent, selector, type) {
  const el = parent.querySelector(selector);
  if (!(el instanceof (type ?? HTMLElement)))
    throw new Error(`${selector}: no such ${type?.name ?? 'element'}`);
  return /** @type {T} */ (el);
}

/**
 * Every HTML element matching `selector`.
 * @param {string} selector
 * @returns {HTMLElement[]}
 */
export function all(selector) {
  return [...document.querySelectorAll(selector)].filter((el) => el instanceof HTMLElement);
}
