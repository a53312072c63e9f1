/**
 * The desk panel (issue 16): the routes in force, and the App Home of the agent chosen in the Slack pane,
 * opened and toggled through the playground API (which sends the signed `app_home_opened` event and the
 * Home tab's button click, as Slack does). Kept apart from app.js; it reads the chosen agent from the page.
 */
import { blocks } from './blocks.js';
import { h, replace } from './dom.js';

const panel = document.getElementById('desk-panel');
const routesBox = document.getElementById('desk-routes');
const homeBox = document.getElementById('desk-home');
const openButton = document.getElementById('desk-open-home');

/** The Home tab's Away/Available action id, from the page's configuration (`ids` in server.ts). */
function homeAvailabilityAction() {
  return document.body.dataset.homeAvailabilityAction;
}

function chosenAgent() {
  return document.querySelector('#agents input[name="agent"]:checked')?.value;
}

async function call(path, body) {
  const response = await fetch(`/playground/api/${path}`, {
    method: body ? 'POST' : 'GET',
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error ?? `HTTP ${response.status}`);
  return data;
}

function matchText(match = {}) {
  const parts = [];
  if (match.reasons) parts.push(`reason ${match.reasons.join(' or ')}`);
  if (match.priorities) parts.push(`priority ${match.priorities.join(' or ')}`);
  if (match.languages) parts.push(`language ${match.languages.join(' or ')}`);
  if (match.channels) parts.push(`on ${match.channels.join(' or ')}`);
  if (match.facts)
    parts.push(
      Object.entries(match.facts)
        .map(([k, v]) => `${k} = ${v}`)
        .join(', '),
    );
  if (match.hours) parts.push(match.hours === 'open' ? 'in business hours' : 'after hours');
  return parts.length ? parts.join(' · ') : 'every escalation';
}

function renderRoutes(data) {
  const rows = data.routes.map((route) =>
    h(
      'li',
      { class: 'desk-route' },
      h('strong', { text: route.name }),
      ` → #${route.channel}`,
      h('div', { class: 'muted', text: matchText(route.match) }),
      route.agentGroup
        ? h('div', {
            class: 'muted',
            text: `group ${route.agentGroup}${
              route.autoAssign
                ? ` · auto-assign, capacity ${route.autoAssign.capacity}, ${route.autoAssign.ackMinutes} min to claim`
                : ''
            }`,
          })
        : null,
    ),
  );
  rows.push(h('li', { class: 'desk-route' }, h('strong', { text: 'default' }), ` → #${data.defaultChannel}`));
  replace(routesBox, h('h3', { text: 'Routes (first match wins)' }), h('ol', { class: 'desk-routes' }, rows));
}

function renderHome(view) {
  if (!view) {
    replace(homeBox, h('p', { class: 'muted', text: 'No Home tab published yet.' }));
    return;
  }
  replace(
    homeBox,
    blocks(view.blocks ?? [], {
      userName: (id) => id,
      onAction: ({ element, value }) => {
        if (element.action_id !== homeAvailabilityAction()) return;
        toggle(value === 'away');
      },
    }),
  );
}

async function openHome() {
  const agentId = chosenAgent();
  if (!agentId) return;
  openButton.textContent = `Refresh App Home of ${agentId}`;
  try {
    renderHome((await call('home', { agentId })).view);
  } catch (error) {
    replace(homeBox, h('p', { class: 'notice', text: String(error.message ?? error) }));
  }
}

async function toggle(away) {
  const agentId = chosenAgent();
  if (!agentId) return;
  try {
    renderHome((await call('availability', { agentId, away })).view);
  } catch (error) {
    replace(homeBox, h('p', { class: 'notice', text: String(error.message ?? error) }));
  }
}

async function load() {
  try {
    renderRoutes(await call('desk'));
  } catch (error) {
    replace(routesBox, h('p', { class: 'notice', text: String(error.message ?? error) }));
  }
  await openHome();
}

panel?.addEventListener('toggle', () => {
  if (panel.open) load();
});
openButton?.addEventListener('click', openHome);
document.getElementById('agents')?.addEventListener('change', () => {
  if (panel?.open) openHome();
});
