// @ts-check
// The flow of dots on the canvas behind the topology: each tick's requests per node, ✓ green
// or ✗ red, from the virtual users through the balancer to the node that answered.

import { $, all } from './dom.js';
import { view } from './view.js';

/**
 * @typedef {{ x: number; y: number }} Point
 * @typedef {{ nodeId: string; ok: boolean; start: number }} Dot
 */

/** @type {Dot[]} */
const dots = [];
const MAX_DOTS_PER_NODE = 10;
/** How long a dot takes from the users to its node, in ms. */
const TRAVEL = 900;
let lastFrame = 0;

/**
 * Queues the dots of one node's last second.
 * @param {string} nodeId
 * @param {number} ok
 * @param {number} failed
 */
export function spawnDots(nodeId, ok, failed) {
  const total = ok + failed;
  if (total === 0) return;
  const shown = Math.min(total, MAX_DOTS_PER_NODE);
  const now = performance.now();
  for (let i = 0; i < shown; i++) {
    // Keep the ok/failed proportion of the real second in the dots drawn.
    const isOk = i < Math.round((shown * ok) / total);
    dots.push({ nodeId, ok: isOk, start: now + (i * 1000) / shown + Math.random() * 60 });
  }
}

/**
 * @param {Element} el
 * @param {'left' | 'right'} side
 * @param {DOMRect} canvasBox
 * @returns {Point}
 */
function anchor(el, side, canvasBox) {
  const box = el.getBoundingClientRect();
  return {
    x: (side === 'right' ? box.right : box.left) - canvasBox.left,
    y: box.top + box.height / 2 - canvasBox.top,
  };
}

/**
 * The animation frame: lines between the boxes, then the dots on their way.
 * @param {number} now
 */
export function drawFlow(now) {
  // About 25 frames a second is smooth enough for dots and spares the CPU of a shared machine.
  if (now - lastFrame < 40) {
    requestAnimationFrame(drawFlow);
    return;
  }
  lastFrame = now;
  const canvas = $('flow', HTMLCanvasElement);
  const box = canvas.getBoundingClientRect();
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(box.width * ratio) || canvas.height !== Math.round(box.height * ratio)) {
    canvas.width = Math.round(box.width * ratio);
    canvas.height = Math.round(box.height * ratio);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, box.width, box.height);
  const projector = document.body.classList.contains('projector');
  const from = anchor($('clients-box'), 'right', box);
  const lb = anchor($('balancer-box'), 'left', box);
  const lbOut = anchor($('balancer-box'), 'right', box);
  ctx.lineWidth = projector ? 3 : 2;
  ctx.strokeStyle = projector ? '#000' : '#1b1f24';
  line(ctx, from, lb);
  const targets = drawNodeLines(ctx, lbOut, box);
  drawStoreLine(ctx, box);
  for (let i = dots.length - 1; i >= 0; i--) {
    const dot = /** @type {Dot} */ (dots[i]);
    const progress = (now - dot.start) / TRAVEL;
    const to = targets.get(dot.nodeId);
    if (progress > 1 || !to) {
      dots.splice(i, 1);
      continue;
    }
    if (progress < 0) continue;
    const p = progress < 0.4 ? lerp(from, lb, progress / 0.4) : lerp(lbOut, to, (progress - 0.4) / 0.6);
    drawDot(ctx, p, dot.ok, projector);
  }
  requestAnimationFrame(drawFlow);
}

/**
 * A line from the balancer to each node card (dashed when the node is down).
 * @param {CanvasRenderingContext2D} ctx
 * @param {Point} lbOut
 * @param {DOMRect} box
 * @returns {Map<string, Point>} where each node's dots end
 */
function drawNodeLines(ctx, lbOut, box) {
  /** @type {Map<string, Point>} */
  const targets = new Map();
  for (const card of all('.node')) {
    const to = anchor(card, 'left', box);
    targets.set(card.dataset.id ?? '', to);
    ctx.setLineDash(card.classList.contains('down') ? [6, 6] : []);
    line(ctx, lbOut, to);
  }
  ctx.setLineDash([]);
  return targets;
}

/**
 * The balancer–Redis line (dashed while Redis is down), when there is a store.
 * @param {CanvasRenderingContext2D} ctx
 * @param {DOMRect} box
 */
function drawStoreLine(ctx, box) {
  if (!view.state || view.state.store.kind === 'none') return;
  const storeBox = $('store-box').getBoundingClientRect();
  const balancerBox = $('balancer-box').getBoundingClientRect();
  const x = balancerBox.left + balancerBox.width / 2 - box.left;
  ctx.setLineDash(view.state.store.up ? [] : [6, 6]);
  line(ctx, { x, y: balancerBox.bottom - box.top }, { x, y: storeBox.top - box.top });
  ctx.setLineDash([]);
}

/**
 * @param {CanvasRenderingContext2D} ctx
 * @param {Point} a
 * @param {Point} b
 */
function line(ctx, a, b) {
  ctx.beginPath();
  ctx.moveTo(a.x, a.y);
  ctx.lineTo(b.x, b.y);
  ctx.stroke();
}

/**
 * @param {Point} a
 * @param {Point} b
 * @param {number} f
 * @returns {Point}
 */
function lerp(a, b, f) {
  return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
}

/**
 * @param {CanvasRenderingContext2D} ctx
 * @param {Point} p
 * @param {boolean} ok
 * @param {boolean} projector
 */
function drawDot(ctx, p, ok, projector) {
  const r = projector ? 10 : 8;
  ctx.beginPath();
  ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
  ctx.fillStyle = ok ? '#1a7f37' : '#c62828';
  ctx.fill();
  ctx.fillStyle = '#fff';
  ctx.font = `bold ${r + 4}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(ok ? '✓' : '✗', p.x, p.y + 1);
}
