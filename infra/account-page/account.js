// "Your Account": the page the terms send customers to (meal-plans 6(b)(i), 6(c)(iii), 7(b), 8(c), 9(c)(3)-(4);
// online-courses 13.1). Everything it shows and does is the API of openapi.yaml: it decides nothing itself. Every
// action is previewed first (the same decision, nothing written) and confirmed with its own Idempotency-Key, so a
// double click acts once. The token lives in sessionStorage (this tab only), never in a cookie.
'use strict';

const TOKEN = 'termwise.token', VERIFIER = 'termwise.pkce', STATE = 'termwise.state';
const page = { config: null, me: null, catalogs: new Map(), today: null };
const $ = (id) => document.getElementById(id);

// ---- words the customer reads ----

const STATES = {
  PENDING_PAYMENT: 'Waiting for payment', ACTIVE: 'Active', PAUSED: 'Paused', PAST_DUE: 'Payment overdue',
  CANCELLING: 'Ending', CANCELLED: 'Cancelled', EXPIRED: 'Ended', SUSPENDED: 'Suspended', ACCEPTED: 'Paid',
  REFUNDED: 'Refunded'
};
const OUTCOMES = {
  CANCELLED_WITH_REFUND: 'Cancelled, with a refund', CANCELS_AT_PERIOD_END: 'Ends when the paid period ends', PAUSED: 'Paused',
  RESUMED: 'Resumed', CHANGES_AT_PERIOD_END: 'Changes at the end of the period', CHANGED_WITH_ADJUSTMENT: 'Changed now, with an adjustment',
  DELAYED: 'Delivery delayed', ADDRESS_CHANGED: 'Delivery address changed', REFUNDED: 'Refunded', PARTIALLY_REFUNDED: 'Partly refunded',
  ENROLLED: 'Enrolled', REFUSED: 'Not possible', ENDS: 'Ends', AMOUNT_OWED: 'An amount is owed', ACCEPTED: 'Accepted',
  SUSPENDED: 'Suspended', REVOKED: 'Access revoked', ERASED: 'Account deleted'
};
const CHARGES = {
  PERIOD_PAYMENT: 'Plan payment', ADMIN_FEE: 'Admin charge', ADJUSTING_PAYMENT: 'Adjusting payment',
  PROPORTIONATE_PAYMENT: 'For what was supplied', CHARGEBACK_AMOUNT: 'Disputed payment', CHARGEBACK_ADMIN_FEE: 'Dispute admin fee',
  WEEKEND_SURCHARGE: 'Weekend delivery', PUBLIC_HOLIDAY_SURCHARGE: 'Bank holiday delivery', REGIONAL_SURCHARGE: 'Regional delivery',
  DELIVERY_CHARGE: 'Delivery', GOODWILL_CANCELLATION_CHARGE: 'Goodwill cancellation charge',
  REDELIVERY_CHARGE: 'Repacking and re-delivery', RETURN_CHARGE: 'Returned delivery: admin, packing and dispatch'
};
const PAYMENTS = {
  succeeded: 'Paid', processing: 'Being processed by your bank', failed: 'Not paid', requires_action: 'Waiting for your bank\'s approval',
  refunded: 'Paid, then refunded', partially_refunded: 'Paid, partly refunded', dispute_inquiry: 'Paid; your bank is asking about it',
  disputed: 'Disputed with your bank'
};
const REFUNDS = { REQUESTED: 'Being sent', ISSUED: 'Sent to your bank', CONFIRMED: 'Completed', FAILED: 'Failed: we will contact you' };
const BOXES = { SCHEDULED: 'Scheduled', DISPATCHED: 'On its way', UNCONFIRMED: 'Sent; delivery not yet confirmed', DELIVERED: 'Delivered',
  WITHHELD: 'Held until the payment is made', CANCELLED: 'Cancelled' };
const LEDGER = {
  PAYMENT_RECEIVED: 'Payment', REFUND_ISSUED: 'Refund sent', REFUND_CONFIRMED: 'Refund completed', REFUND_FAILED: 'Refund failed',
  CHARGEBACK: 'Payment disputed with your bank', CHARGEBACK_REVERSED: 'Dispute resolved', AMOUNT_OWED: 'Amount owed',
  OWED_PAID: 'Amount owed paid', OWED_CANCELLED: 'Amount owed withdrawn', CHARGE_DUE: 'Charge due', CHARGE_COLLECTED: 'Charge collected'
};

function money(m) {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency: m.currency }).format(m.amount / 100);
}

/** "Tuesday 5 May 2026", as the mails write it: the terms' dates are London days, formatted as that day whatever the browser's zone. */
const DAY = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
function day(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const parts = Object.fromEntries(DAY.formatToParts(new Date(Date.UTC(y, m - 1, d))).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

function addDays(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** An element with text (never HTML: everything shown comes from the API and is escaped by the DOM). */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function clauseTag(clause) {
  return el('span', { class: 'clause', text: `(${clause})` });
}

function facts(rows) {
  return el('dl', {}, rows.filter(Boolean).flatMap(([term, ...value]) => [el('dt', { text: term }), el('dd', {}, ...value)]));
}

// ---- the API ----

class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message || `The request failed (${status}).`);
    this.status = status;
    this.code = body?.error?.code;
    this.field = body?.error?.field;
    this.decision = body?.decision; // a refusal the terms decided comes with its reasons and clauses
  }
}

async function api(method, path, body, idempotencyKey) {
  const headers = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const response = await fetch(page.config.api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await response.json().catch(() => null);
  if (response.status === 401) {
    signOut('Your sign-in has ended. Please sign in again.');
    throw new ApiError(401, json);
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

async function catalog(id) {
  if (!page.catalogs.has(id)) page.catalogs.set(id, await api('GET', `/v1/catalogs/${encodeURIComponent(id)}`));
  return page.catalogs.get(id);
}

function planName(catalogId, planId) {
  const c = page.catalogs.get(catalogId);
  const plan = c?.plans.find((p) => p.id === planId);
  if (plan) return `${c.name}: ${plan.name}`;
  const course = c?.courses.find((k) => k.plan === planId);
  return course ? `${c.name}: ${course.title}` : `${catalogId}: ${planId}`;
}

// ---- signing in ----

async function start() {
  page.config = await (await fetch('config.json', { cache: 'no-store' })).json();
  $('sign-out').addEventListener('click', () => signOut('You have signed out.'));
  $('refresh').addEventListener('click', () => load());
  $('action-close').addEventListener('click', closeAction);
  $('action').addEventListener('close', () => { page.action = null; });
  $('action-form').addEventListener('submit', (e) => { e.preventDefault(); preview(); });
  $('action-confirm').addEventListener('click', confirmAction);
  window.addEventListener('hashchange', () => load());
  if (page.config.signIn === 'oidc') await returnFromHostedSignIn();
  if (sessionStorage.getItem(TOKEN)) return load();
  showSignIn();
}

function showSignIn(message) {
  $('account').hidden = true;
  $('session').hidden = true;
  $('sign-in').hidden = false;
  $('status').textContent = message || '';
  if (page.config.signIn === 'local') {
    $('local-sign-in').hidden = false;
    $('local-sign-in').reset(); // nothing of the last person signed in stays on the page
    $('local-sign-in').onsubmit = localSignIn;
    $('sign-in-sub').focus();
  } else {
    $('hosted-sign-in').hidden = false;
    $('hosted-sign-in-button').onclick = hostedSignIn;
  }
}

async function localSignIn(e) {
  e.preventDefault();
  const sub = $('sign-in-sub').value.trim(), email = $('sign-in-email').value.trim();
  $('sign-in-sub-error').textContent = sub ? '' : 'Enter your customer id.';
  if (!sub) return $('sign-in-sub').focus();
  const answer = await api('POST', '/_local/token', email ? { sub, email } : { sub });
  sessionStorage.setItem(TOKEN, answer.token);
  await load();
}

/**
 * The identity provider's hosted sign-in (in template.yaml, Cognito's): the authorization code flow with PKCE, so the page
 * holds no secret; the ID token (whose audience is the API authorizer's) is kept in this tab only.
 */
async function hostedSignIn() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const verifier = base64url(bytes), state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  const query = new URLSearchParams({ response_type: 'code', client_id: page.config.clientId, redirect_uri: page.config.redirectUri,
    scope: 'openid email', state, code_challenge: challenge, code_challenge_method: 'S256' });
  location.assign(`${page.config.authorizeUrl}?${query}`);
}

async function returnFromHostedSignIn() {
  const query = new URLSearchParams(location.search);
  if (!query.has('code')) return;
  history.replaceState(null, '', location.pathname + location.hash);
  if (query.get('state') !== sessionStorage.getItem(STATE)) return;
  const response = await fetch(page.config.tokenUrl, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: page.config.clientId, code: query.get('code'),
      redirect_uri: page.config.redirectUri, code_verifier: sessionStorage.getItem(VERIFIER) })
  });
  sessionStorage.removeItem(VERIFIER);
  sessionStorage.removeItem(STATE);
  if (response.ok) sessionStorage.setItem(TOKEN, (await response.json()).id_token);
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN);
  page.me = null;
  $('account').replaceChildren();
  if (page.config.logoutUrl && message === 'You have signed out.') { // ends the provider's session too
    const query = new URLSearchParams({ client_id: page.config.clientId, logout_uri: page.config.redirectUri });
    return location.assign(`${page.config.logoutUrl}?${query}`);
  }
  showSignIn(message);
}

// ---- the account ----

async function load() {
  $('problem').hidden = true;
  $('status').textContent = 'Loading your account…';
  try {
    const me = await api('GET', '/v1/me');
    const ids = new Set([...me.orders.map((o) => o.catalog), ...me.subscriptions.map((s) => s.catalog)]);
    await Promise.all([...ids].map(catalog));
    page.me = me;
    page.today = me.asOf;
    $('sign-in').hidden = true;
    $('session').hidden = false;
    $('who').textContent = me.customer ? `${me.customer.name} (${me.customer.email})` : 'a new customer';
    render(me, await linked());
    $('status').textContent = 'Your account is up to date.';
  } catch (e) {
    if (e.status !== 401) problem(e.message);
  }
}

/** A link to one subscription or order (#subscription/sub_…, #order/ord_…): asked of the API, which knows only this customer's. */
async function linked() {
  const m = location.hash.match(/^#(subscription|order)\/([A-Za-z0-9_]{1,64})$/);
  if (!m) return null;
  const [, kind, id] = m;
  try {
    await api('GET', kind === 'subscription' ? `/v1/subscriptions/${id}` : `/v1/orders/${id}`);
    return { kind, id, found: true };
  } catch (e) {
    if (e.status === 404) return { kind, id, found: false };
    throw e;
  }
}

function problem(message) {
  $('problem').textContent = message;
  $('problem').hidden = false;
}

function render(me, link) {
  const parts = [];
  if (link && !link.found) {
    parts.push(el('p', { class: 'alert', id: 'not-found', role: 'alert',
      text: `There is no ${link.kind} ${link.id} in your account. Everything that is yours is below.` }));
  }
  if (me.balanceOwed.amount > 0) parts.push(owed(me));
  if (me.subscriptions.length === 0 && me.orders.length === 0) {
    parts.push(el('p', { text: 'You have no subscriptions or orders yet.' }));
  }
  if (me.subscriptions.length) {
    parts.push(el('h2', { text: 'Your subscriptions' }), el('div', { class: 'cards' }, me.subscriptions.map((s) => subscription(me, s))));
  }
  if (me.card || me.subscriptions.length) parts.push(cardOnFile(me));
  if (me.enrolments.length || me.subscriptions.some((s) => s.allowedActions.includes('enrol'))) parts.push(enrolments(me));
  if (me.orders.length) parts.push(el('h2', { text: 'Your orders' }), el('div', { class: 'cards' }, me.orders.map((o) => order(me, o))));
  if (me.ledger.length) parts.push(billingHistory(me));
  if (me.marketing) parts.push(offers(me.marketing));
  $('account').replaceChildren(...parts);
  $('account').hidden = false;
  if (link?.found) document.querySelector(`[data-${link.kind}="${link.id}"]`)?.scrollIntoView();
}

/** What is owed (AMOUNT_OWED, CHARGE_DUE), each with the clause that makes it due; a chargeback is said as the cause. */
function owed(me) {
  const entries = me.ledger.filter((e) => e.kind === 'AMOUNT_OWED' || e.kind === 'CHARGE_DUE');
  const chargebacks = me.ledger.filter((e) => e.kind === 'CHARGEBACK');
  return el('section', { class: 'alert', id: 'balance-owed', 'aria-labelledby': 'owed-title' },
    el('h2', { id: 'owed-title', text: `You owe ${money(me.balanceOwed)}` }),
    chargebacks.map((e) => el('p', { text: `Your bank took back your payment of ${money(e.amount)} on ${day(e.at.slice(0, 10))} (a chargeback).` })),
    el('ul', {}, entries.map((e) => el('li', {}, `${LEDGER[e.kind] || e.kind}: ${money(e.amount)} from ${day(e.at.slice(0, 10))} `, clauseTag(e.clause)))));
}

function subscription(me, s) {
  const c = page.catalogs.get(s.catalog);
  const boxes = me.deliveries.filter((d) => d.subscriptionId === s.id);
  const ownOrder = me.orders.find((o) => o.subscriptionId === s.id);
  // the newest attempt for the period now due, when it was declined or is waiting for the bank's approval
  const unpaid = ownOrder?.payments.find((p) => p.status === 'failed' || p.status === 'requires_action');
  const next = s.nextPayment;
  const rows = [
    ['Status', STATES[s.state] || s.state],
    s.currentPeriod && ['Current period', `${day(s.currentPeriod.start)} to ${day(addDays(s.currentPeriod.end, -1))}`],
    next && ['Next payment', el('span', { class: 'next-payment' }, `${money(next.total)} on ${day(next.on)}`),
      next.charges.length > 1 || next.carriedOver.amount ? el('ul', {}, next.charges.map((ch) => el('li', { text: `${CHARGES[ch.kind] || ch.kind}: ${money(ch.amount)}` })),
        next.carriedOver.amount ? el('li', { text: `Carried over: ${money(next.carriedOver)}` }) : null) : null],
    s.cancellationNoticeDeadline && ['Last day to give notice', el('span', { class: 'notice-deadline' }, day(s.cancellationNoticeDeadline)),
      el('p', { class: 'hint', text: `Notice given up to and including that day ends your plan before the payment due on ${day(s.cancellationNoticeProtects)}. `
        + 'Notice given after it still ends the plan, but that payment is taken and the plan runs to the end of the period it pays for.' })],
    s.endsOn && ['Runs up to and including', el('span', { class: 'ends-on' }, day(addDays(s.endsOn, -1)))],
    s.minimumTermEnd && ['Minimum term ends', day(s.minimumTermEnd)],
    s.nextDeliveryDate && ['Next box', day(s.nextDeliveryDate)],
    s.scheduledChanges.length && ['Scheduled changes', el('ul', {}, s.scheduledChanges.map((ch) =>
      el('li', { text: `From ${day(ch.effectiveDate)}: ${planName(s.catalog, ch.plan)} at ${money(ch.newPrice)}` })))]
  ];
  const actions = el('div', { class: 'actions' });
  const act = (kind, label, open) => s.allowedActions.includes(kind) && actions.append(el('button', { type: 'button', 'data-action': kind, text: label, onclick: open }));
  act('cancel', 'Cancel or give notice', () => openCancel(s));
  act('pause', 'Pause', () => openSimple(s, 'pause', 'Pause your plan'));
  act('resume', 'Resume', () => openSimple(s, 'resume', 'Resume your plan'));
  act('change-plan', 'Change plan', () => openChangePlan(s));
  act('delivery-address', 'Change delivery address', () => openAddress(s));
  if (s.state !== 'CANCELLED' && s.state !== 'EXPIRED') {
    actions.append(el('button', { type: 'button', class: 'secondary', 'data-action': 'payment-method', text: 'Use a different card',
      onclick: () => hostedPage(s, 'payment-method') }));
  }
  return el('article', { 'data-subscription': s.id, 'aria-labelledby': `sub-${s.id}` },
    el('h3', { id: `sub-${s.id}`, text: planName(s.catalog, s.plan) }),
    s.state === 'PAST_DUE' && unpaid ? pastDue(s, unpaid) : null,
    facts(rows),
    boxes.length ? deliveries(s, boxes, c) : null,
    actions);
}

/** A renewal the bank declined or held for 3-D Secure: what happened, and the two ways to mend it on Stripe's pages. */
function pastDue(s, unpaid) {
  const held = unpaid.status === 'requires_action';
  return el('div', { class: 'alert', role: 'alert', 'data-past-due': s.id },
    el('p', { text: held
      ? `Your bank wants you to approve the payment of ${money(unpaid.amount)} due on ${day(unpaid.date)} (3-D Secure). Pay it now on the card's secure page, or use a different card.`
      : `Your payment of ${money(unpaid.amount)} on ${day(unpaid.date)} did not go through (${bankSaid(unpaid)}). `
        + 'Pay it now, or use a different card; otherwise we try again on the days your terms set.' }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', 'data-action': 'pay-now', text: `Pay ${money(unpaid.amount)} now`, onclick: () => hostedPage(s, 'pay-now') }),
      el('button', { type: 'button', class: 'secondary', 'data-action': 'replace-card', text: 'Use a different card', onclick: () => hostedPage(s, 'payment-method') })));
}

/** Stripe's sentence for the cardholder, without its code ("card_declined: Your card was declined." reads "Your card was declined"). */
function bankSaid(payment) {
  const said = (payment.failure || 'the bank declined it').replace(/^[a-z_]+: /, '');
  return said.replace(/\.$/, '');
}

async function hostedPage(s, route) {
  try {
    const opened = await api('POST', `/v1/subscriptions/${s.id}/${route}`, {}, crypto.randomUUID());
    location.assign(opened.url); // Stripe's hosted page; it sends the customer back here
  } catch (e) {
    problem(e.message);
  }
}

function deliveries(s, boxes, c) {
  const rows = boxes.map((d) => el('tr', { 'data-delivery': d.id },
    el('td', { text: `Month ${d.month}` }), el('td', { text: day(d.scheduledDate) }), el('td', { text: BOXES[d.state] || d.state }),
    el('td', { text: d.charges.map((ch) => `${CHARGES[ch.kind] || ch.kind} ${money(ch.amount)}`).join(', ') }),
    el('td', {}, s.allowedActions.includes('delay-delivery') && d.state === 'SCHEDULED' && d.month > 1
      ? el('button', { type: 'button', class: 'secondary', 'data-action': 'delay-delivery', text: 'Delay this box', onclick: () => openDelay(s, d, c) }) : null)));
  return el('div', { class: 'table-wrap' }, el('table', {},
    el('caption', { class: 'hint', text: 'Your boxes' }),
    el('thead', {}, el('tr', {}, ['Box', 'Date', 'State', 'Charges', ''].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows)));
}

function cardOnFile(me) {
  const card = me.card;
  return el('section', { class: 'panel', id: 'card', 'aria-labelledby': 'card-title' },
    el('h2', { id: 'card-title', text: 'Your card' }),
    card ? el('p', { text: `${card.brand.toUpperCase()} ending ${card.last4}, expires ${String(card.expMonth).padStart(2, '0')}/${card.expYear}` })
      : el('p', { text: 'No saved card can be shown.' }),
    el('p', { class: 'hint', text: 'Renewals are charged to this card, the payment method you authorised. To change it, use "Use a different card" on a subscription.' }));
}

function enrolments(me) {
  const membership = me.subscriptions.find((s) => s.allowedActions.includes('enrol'));
  const c = membership && page.catalogs.get(membership.catalog);
  const cap = c?.plans.find((p) => p.id === membership.plan)?.courseCap;
  const inProgress = me.enrolments.filter((e) => e.progress < 100).length;
  const course = (id) => [...page.catalogs.values()].flatMap((c) => c.courses).find((k) => k.id === id)?.title || id;
  return el('section', { class: 'panel', id: 'enrolments', 'aria-labelledby': 'enrolments-title' },
    el('h2', { id: 'enrolments-title', text: 'Your courses' }),
    cap ? el('p', { id: 'course-cap' }, `You have ${inProgress} of ${cap.maxInProgress} courses in progress. `, clauseTag(cap.clause)) : null,
    me.enrolments.length ? el('ul', {}, me.enrolments.map((e) => el('li', { 'data-enrolment': e.id },
      `${course(e.courseId)}: ${e.progress}% done, enrolled ${day(e.enrolledOn)}${e.accessEndsOn ? `, access until ${day(e.accessEndsOn)}` : ''}`)))
      : el('p', { text: 'You are not enrolled on any course yet.' }),
    membership ? el('div', { class: 'actions' }, el('button', { type: 'button', 'data-action': 'enrol', text: 'Enrol on a course', onclick: () => openEnrol(membership, c, cap, inProgress) })) : null);
}

function order(me, o) {
  const right = o.cancellationRight;
  const cancellable = !o.subscriptionId && (o.state === 'ACCEPTED' || o.state === 'PENDING_PAYMENT');
  const pause = o.serviceSuspension, pending = pause && pause.end > page.today; // course-provider 5.1, announced by the provider
  return el('article', { 'data-order': o.orderId, 'aria-labelledby': `ord-${o.orderId}` },
    el('h3', { id: `ord-${o.orderId}`, text: planName(o.catalog, o.plan) }),
    facts([
      ['Order', o.orderId],
      ['Status', STATES[o.state] || o.state],
      ['Ordered on', day(o.orderedOn)],
      ['Terms', `The version in force from ${day(o.termsVersion)}: your order is decided by it, whatever changes later.`],
      ['Total', money(o.total)],
      ['Paid', money(o.paid)],
      o.refunded.amount > 0 && ['Refunded', money(o.refunded)],
      pause && [pending ? 'Access suspended' : 'Access was suspended', el('span', { class: 'service-suspension' },
        `From ${day(pause.start)} up to and including ${day(addDays(pause.end, -1))}; it ${pending ? 'comes' : 'came'} back on ${day(pause.end)}.`)],
      right && ['Your right to cancel', el('div', { class: 'cancellation-right' },
        el('p', { text: right.open ? (right.lastDay ? `Open up to and including ${day(right.lastDay)}.` : 'Open.') : 'Ended.' }),
        el('ul', { class: 'reasons' }, right.reasons.map((r) => el('li', {}, `${r.message} `, clauseTag(r.clause)))))]
    ]),
    o.payments.length ? table('Payments', ['Date', 'Amount', 'Result'], o.payments.map((p) =>
      [day(p.date), money(p.amount), p.status === 'failed' ? `Not paid: ${bankSaid(p)}` : PAYMENTS[p.status] || p.status]), 'payments') : null,
    o.refunds.length ? table('Refunds', ['Amount', 'State', 'Due by', 'Clause'], o.refunds.map((r) =>
      [money(r.amount), REFUNDS[r.state] || r.state, day(r.dueBy), r.clause]), 'refunds') : null,
    el('div', { class: 'actions' },
      cancellable ? el('button', { type: 'button', 'data-action': 'cancel-order', text: 'Cancel this order', onclick: () => openCancelOrder(o) }) : null,
      right?.open ? el('button', { type: 'button', class: 'secondary', 'data-action': 'cancellation-form', text: 'Cancellation form', onclick: () => cancellationForm(me, o) }) : null));
}

function table(caption, headings, rows, name) {
  return el('div', { class: 'table-wrap' }, el('table', { 'data-table': name },
    el('caption', { class: 'hint', text: caption }),
    el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((v) => el('td', { text: v })))))));
}

/** online-courses 2.5: offers by email, refused (or asked for again) in one step, as simply as they began (PECR 2003 reg 22). */
function offers(m) {
  return el('section', { class: 'panel', id: 'marketing', 'aria-labelledby': 'marketing-title' },
    el('h2', { id: 'marketing-title', text: 'Offers by email' }),
    el('p', { class: 'marketing-choice', text: m.offers ? 'We may email you offers on courses and other services.'
      : `You refused offers by email on ${day(m.refusedOn)}. Mails about your orders, payments and subscriptions still come.` }),
    el('div', { class: 'actions' }, el('button', { type: 'button', class: 'secondary', 'data-action': 'marketing',
      text: m.offers ? 'Stop offers by email' : 'Send me offers again', onclick: () => chooseOffers(!m.offers) })),
    el('p', { class: 'said', role: 'status' }));
}

async function chooseOffers(wanted) {
  try {
    const decision = await api('PUT', '/v1/me/marketing', { offers: wanted }, crypto.randomUUID());
    await load();
    document.querySelector('#marketing .said').replaceChildren(...decision.reasons.map((r) => el('span', {}, `${r.message} `, clauseTag(r.clause))));
    document.querySelector('#marketing [data-action="marketing"]').focus();
  } catch (e) {
    problem(e.message);
  }
}

function billingHistory(me) {
  return el('section', { class: 'panel', id: 'billing', 'aria-labelledby': 'billing-title' },
    el('h2', { id: 'billing-title', text: 'Billing history' }),
    table('Every payment, refund and charge, newest last', ['Date', 'What', 'Amount', 'Clause'],
      me.ledger.map((e) => [day(e.at.slice(0, 10)), LEDGER[e.kind] || e.kind, money(e.amount), e.clause]), 'ledger'));
}

// ---- the model cancellation form (CCR 2013 Schedule 3, Part B), filled in with the order ----

function cancellationForm(me, o) {
  const c = page.catalogs.get(o.catalog);
  const t = c.trader;
  const goods = Boolean(c.deliveryCharges); // boxes are goods; courses and memberships are services or digital content
  const to = [t.name, t.address, t.email].filter(Boolean).join(', ');
  const lines = [
    ['To', t.address || t.email ? to : `${t.name} (their terms give no postal or email address: use "Cancel" on this page instead) `],
    ['', `I hereby give notice that I cancel my contract ${goods ? 'of sale of the following goods' : 'for the supply of the following service'}: `
      + `${planName(o.catalog, o.plan)}, order ${o.orderId}`],
    ['Ordered on', day(o.orderedOn)],
    ['Name of consumer', me.customer?.name || ''],
    ['Address of consumer', ''],
    ['Signature of consumer (only if this form is sent on paper)', ''],
    ['Date', day(page.today || o.orderedOn)]
  ];
  const text = ['Model cancellation form', '(Complete and return this form only if you wish to withdraw from the contract)',
    ...lines.map(([k, v]) => (k ? `${k}: ${v}` : v))].join('\n');
  const form = $('cancellation-form');
  form.replaceChildren(
    el('h2', { id: 'cancellation-form-title', text: 'Model cancellation form' }),
    el('p', { text: '(Complete and return this form only if you wish to withdraw from the contract)' }),
    el('dl', {}, lines.flatMap(([k, v]) => [el('dt', { text: k || 'Notice' }), el('dd', { class: v ? '' : 'line', text: v })])),
    el('p', { class: 'hint' }, 'The model form of the Consumer Contracts Regulations 2013, Schedule 3. ', clauseTag(t.clause)),
    el('div', { class: 'actions no-print' },
      el('button', { type: 'button', text: 'Print', onclick: () => window.print() }),
      t.email ? el('a', { href: `mailto:${t.email}?subject=${encodeURIComponent(`Cancellation of order ${o.orderId}`)}&body=${encodeURIComponent(text)}`,
        text: `Send by email to ${t.email}` }) : null,
      el('button', { type: 'button', class: 'secondary', text: 'Close the form', onclick: () => { form.hidden = true; } })));
  form.hidden = false;
  form.scrollIntoView();
}

// ---- actions: the form, the decision previewed, then confirmed once ----

/**
 * {@code spec}: the dialog's title, the rules shown before asking (each with its clause), its fields, and how the
 * request is made from them. The same body is sent twice: with preview true, then, once confirmed, for real.
 */
function openAction(spec) {
  page.action = { ...spec, key: null, body: null };
  $('action-title').textContent = spec.title;
  $('action-rules').replaceChildren(...(spec.rules || []).map(([text, clause]) => el('p', {}, `${text} `, clause ? clauseTag(clause) : null)));
  $('action-fields').replaceChildren(...(spec.fields || []));
  $('action-decision').replaceChildren();
  $('action-error').hidden = true;
  $('action-preview').hidden = false;
  $('action-preview').disabled = false;
  $('action-confirm').hidden = true;
  $('action').showModal();
  ($('action-fields').querySelector('input, select, textarea') || $('action-preview')).focus();
}

function closeAction() {
  $('action').close();
}

function field(name, label, input, hint) {
  const id = `f-${name.replace(/\W/g, '-')}`;
  input.id = id;
  input.name = name;
  input.setAttribute('aria-describedby', `${id}-error${hint ? ` ${id}-hint` : ''}`);
  return el('div', { class: 'field', 'data-field': name },
    el('label', { for: id, text: label }), hint ? el('span', { class: 'hint', id: `${id}-hint`, text: hint }) : null,
    input, el('span', { class: 'field-error', id: `${id}-error` }));
}

function select(options) {
  return el('select', {}, options.map(([value, label]) => el('option', { value, text: label })));
}

function clearErrors() {
  $('action-error').hidden = true;
  for (const e of $('action-fields').querySelectorAll('.field-error')) e.textContent = '';
  for (const i of $('action-fields').querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
}

/** An error the API names a field for appears next to that field (address.postcode beside the postcode); any other above the buttons. */
function showError(e) {
  const name = e.field || '';
  const box = $('action-fields').querySelector(`[data-field="${CSS.escape(name)}"]`) || $('action-fields').querySelector(`[data-field="${CSS.escape(name.split('.')[0])}"]`);
  if (box) {
    box.querySelector('.field-error').textContent = e.message;
    box.querySelector('input, select, textarea').setAttribute('aria-invalid', 'true');
    box.querySelector('input, select, textarea').focus();
  } else {
    $('action-error').textContent = e.message;
    $('action-error').hidden = false;
  }
}

async function preview() {
  const a = page.action;
  if (!a) return;
  clearErrors();
  $('action-decision').replaceChildren();
  $('action-confirm').hidden = true;
  let body;
  try {
    body = a.body0();
  } catch (invalid) {
    return showError(invalid);
  }
  $('action-preview').disabled = true;
  try {
    const decision = await api(a.method || 'POST', a.path, { ...body, preview: true });
    a.body = body;
    a.key = crypto.randomUUID(); // one key for this decision: a second click, or a retry after a lost answer, acts once
    $('action-decision').replaceChildren(decisionView(decision, 'If you confirm'));
    if (decision.outcome !== 'REFUSED') {
      $('action-confirm').hidden = false;
      $('action-confirm').disabled = false;
      $('action-confirm').textContent = a.confirm || 'Confirm';
      $('action-confirm').focus();
    }
  } catch (e) {
    showError(e);
    if (e.decision) $('action-decision').replaceChildren(decisionView(e.decision, 'Not possible'));
  } finally {
    $('action-preview').disabled = false;
  }
}

async function confirmAction() {
  const a = page.action;
  if (!a?.key) return;
  $('action-confirm').disabled = true;
  $('action-preview').disabled = true;
  try {
    const decision = await api(a.method || 'POST', a.path, { ...a.body, preview: false }, a.key);
    $('action-decision').replaceChildren(el('div', { class: 'done', role: 'status' }, el('p', { text: 'Done.' })), decisionView(decision, 'What happened'));
    $('action-confirm').hidden = true;
    $('action-preview').hidden = true;
    $('action-close').focus();
    await load();
  } catch (e) {
    $('action-confirm').disabled = false;
    $('action-preview').disabled = false;
    showError(e);
  }
}

function decisionView(d, heading) {
  return el('div', { class: 'decision', 'data-outcome': d.outcome },
    el('h3', { text: `${heading}: ${OUTCOMES[d.outcome] || d.outcome}` }),
    facts([
      d.effectiveDate && ['Takes effect on', el('span', { class: 'effective-date' }, day(d.effectiveDate))],
      d.refund && d.refund.amount > 0 && ['Refund', el('span', { class: 'refund' }, money(d.refund)), d.refundDueBy ? ` by ${day(d.refundDueBy)}` : ''],
      d.charges?.length && ['Charges', el('ul', { class: 'charges' }, d.charges.map((ch) => el('li', { text: `${CHARGES[ch.kind] || ch.kind}: ${money(ch.amount)}` })))]
    ]),
    el('ul', { class: 'reasons' }, (d.reasons || []).map((r) => el('li', { 'data-reason': r.code }, `${r.message} `, clauseTag(r.clause)))));
}

class Invalid extends Error {
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

function required(name, value, what) {
  if (!value) throw new Invalid(name, `Enter ${what}.`);
  return value;
}

function openSimple(s, route, title) {
  openAction({ title, path: `/v1/subscriptions/${s.id}/${route}`, body0: () => ({}) });
}

function openCancel(s) {
  const reason = el('textarea', { rows: 3, maxlength: 500 });
  openAction({
    title: `Cancel or give notice: ${planName(s.catalog, s.plan)}`,
    path: `/v1/subscriptions/${s.id}/cancel`,
    confirm: 'Confirm cancellation',
    rules: [s.cancellationNoticeDeadline && [`Notice given up to and including ${day(s.cancellationNoticeDeadline)} ends your plan before the payment due on ${day(s.cancellationNoticeProtects)}.`]].filter(Boolean),
    fields: [field('reason', 'Reason (optional)', reason, 'Some terms need a reason after the first 14 days.')],
    body0: () => (reason.value.trim() ? { reason: reason.value.trim() } : {})
  });
}

function openCancelOrder(o) {
  const reason = el('textarea', { rows: 3, maxlength: 500 });
  openAction({
    title: `Cancel order: ${planName(o.catalog, o.plan)}`,
    path: `/v1/orders/${o.orderId}/cancel`,
    confirm: 'Confirm cancellation',
    fields: [field('reason', 'Reason (optional)', reason, 'Some terms need a reason after the first 14 days.')],
    body0: () => (reason.value.trim() ? { reason: reason.value.trim() } : {})
  });
}

function openChangePlan(s) {
  const c = page.catalogs.get(s.catalog);
  const choice = select(c.plans.filter((p) => p.id !== s.plan && p.billing !== 'ONCE').map((p) => [p.id, `${p.name}: ${money(p.price)}`]));
  openAction({
    title: 'Change plan', path: `/v1/subscriptions/${s.id}/change-plan`,
    fields: [field('plan', 'New plan', choice)],
    body0: () => ({ plan: required('plan', choice.value, 'a plan') })
  });
}

/** meal-plans 7(b): the days a box may move, each with its new date, and the notice that needs, shown before asking. */
function openDelay(s, box, c) {
  const rule = c.deliveryDelay;
  const days = select(Array.from({ length: rule.maxDays }, (_, i) => i + 1).map((n) => [String(n), `${n} day${n > 1 ? 's' : ''}: arrives ${day(addDays(box.scheduledDate, n))}`]));
  openAction({
    title: `Delay the box due on ${day(box.scheduledDate)}`, path: `/v1/deliveries/${box.id}/delay`,
    rules: [[`A box can be delayed by up to ${rule.maxDays} days, asked at least ${rule.noticeWorkingDays} working days before it is due.`, rule.clause]],
    fields: [field('days', 'Delay by', days)],
    body0: () => ({ days: Number(days.value) })
  });
}

/** meal-plans 7(h): free with enough notice, a fee after; the preview shows which applies before anything changes. */
function openAddress(s) {
  const c = page.catalogs.get(s.catalog);
  const rule = c.addressChange;
  const inputs = { line1: el('input', { maxlength: 200, autocomplete: 'address-line1' }), line2: el('input', { maxlength: 200, autocomplete: 'address-line2' }),
    city: el('input', { maxlength: 100, autocomplete: 'address-level2' }), postcode: el('input', { maxlength: 10, autocomplete: 'postal-code' }) };
  openAction({
    title: 'Change delivery address', path: `/v1/subscriptions/${s.id}/delivery-address`, method: 'PUT',
    rules: rule ? [[`Free at least ${rule.noticeWorkingDays} working days before a delivery; later, an admin charge of ${money(rule.lateFee)}.`, rule.clause]] : [],
    fields: [field('address.line1', 'Address line 1', inputs.line1), field('address.line2', 'Address line 2 (optional)', inputs.line2),
      field('address.city', 'Town or city', inputs.city), field('address.postcode', 'Postcode', inputs.postcode)],
    body0: () => {
      const a = {
        line1: required('address.line1', inputs.line1.value.trim(), 'the first line of the address'),
        city: required('address.city', inputs.city.value.trim(), 'the town or city'),
        postcode: required('address.postcode', inputs.postcode.value.trim(), 'the postcode')
      };
      if (inputs.line2.value.trim()) a.line2 = inputs.line2.value.trim();
      return { address: a };
    }
  });
}

function openEnrol(membership, c, cap, inProgress) {
  const taken = new Set(page.me.enrolments.map((e) => e.courseId));
  const course = select(c.courses.filter((k) => k.available && !taken.has(k.id)).map((k) => [k.id, k.title]));
  openAction({
    title: 'Enrol on a course', path: '/v1/enrolments',
    rules: cap ? [[`Your membership covers up to ${cap.maxInProgress} courses in progress at once; you have ${inProgress}.`, cap.clause]] : [],
    fields: [field('courseId', 'Course', course)],
    body0: () => ({ courseId: required('courseId', course.value, 'a course') })
  });
}

start().catch((e) => problem(`The page could not start: ${e.message}`));
