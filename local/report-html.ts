/**
 * The CX report as one self-contained HTML page: inline CSS and inline SVG charts, no scripts,
 * no external resources, so it opens offline and can be mailed as a file.
 */
import type { CxReport, Percentiles } from '../functions/core/cx-metrics.ts';

const COLORS = {
  primary: '#2563eb',
  accent: '#d97706',
  good: '#059669',
  bad: '#dc2626',
  grid: '#e5e7eb',
  text: '#374151',
};
const WIDTH = 640;

/** Renders the report as a complete HTML document. */
export function renderReportHtml(report: CxReport): string {
  const { since, until } = report.period;
  const periodText = `${since ? formatDate(since) : 'the beginning'} – ${until ? formatDate(until, true) : 'now'}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tandem CX report, ${escapeHtml(periodText)}</title>
<style>
  body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: ${COLORS.text}; margin: 0; background: #f9fafb; }
  main { max-width: 1100px; margin: 0 auto; padding: 24px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 16px; margin: 0 0 12px; }
  .muted { color: #6b7280; }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 12px; margin: 20px 0; }
  .card { background: #fff; border: 1px solid ${COLORS.grid}; border-radius: 8px; padding: 12px; }
  .card .value { font-size: 22px; font-weight: 600; color: #111827; }
  .card .label { font-size: 12px; color: #6b7280; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; }
  section { background: #fff; border: 1px solid ${COLORS.grid}; border-radius: 8px; padding: 16px; margin-bottom: 16px; }
  svg { width: 100%; height: auto; display: block; }
  svg text { font: 11px system-ui, sans-serif; fill: ${COLORS.text}; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid ${COLORS.grid}; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .legend span { display: inline-block; margin-right: 16px; }
  .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
</style>
</head>
<body>
<main>
<h1>Tandem customer experience</h1>
<div class="muted">Conversations that started ${escapeHtml(periodText)} · reopen window ${report.period.reopenWindowHours} h · definitions in docs/metrics.md</div>
${cards(report)}
<div class="grid">
<section id="trend-conversations"><h2>Conversations per day</h2>${dailyBars(report)}</section>
<section id="trend-rates"><h2>First-interaction resolution and escalation rate per day</h2>${rateLines(report)}</section>
<section id="escalations-by-reason"><h2>Escalations by reason</h2>${reasonBars(report)}</section>
<section id="sentiment"><h2>Customer sentiment: AI vs human touchpoints</h2>${sentimentBars(report)}</section>
</div>
<div class="grid">
<section id="speed"><h2>Speed</h2>${speedTable(report)}</section>
<section id="quality"><h2>Effort, quality and satisfaction</h2>${qualityTable(report)}</section>
</div>
</main>
</body>
</html>
`;
}

function cards(report: CxReport): string {
  const items: [string, string][] = [
    ['Conversations', String(report.conversations)],
    ['First-interaction resolution', percent(report.firstInteractionResolutionRate)],
    ['Escalation rate', percent(report.escalationRate)],
    ['Escalations needed (precision)', percent(report.escalationPrecision)],
    ['Summaries accurate', percent(report.summaryAccuracy)],
    ['Median time to claim', duration(report.medianTimeToClaimSeconds)],
    ['Median time to resolution', duration(report.medianTimeToResolutionSeconds)],
    ['Customer turns to resolution', decimal(report.averageCustomerTurnsToResolution)],
    ['CSAT (1–5)', decimal(report.averageCsat)],
  ];
  return `<div class="cards">${items
    .map(
      ([label, value]) =>
        `<div class="card"><div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(label)}</div></div>`,
    )
    .join('')}</div>`;
}

function dailyBars(report: CxReport): string {
  const days = report.daily;
  if (days.length === 0) return noData();
  const height = 220;
  const pad = { left: 36, right: 8, top: 10, bottom: 30 };
  const plotW = WIDTH - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = niceMax(Math.max(1, ...days.map((day) => day.conversations)));
  const step = plotW / days.length;
  const barW = Math.max(1, step * 0.7);
  const y = (value: number) => pad.top + plotH - (value / max) * plotH;
  const parts: string[] = [
    axisY(pad.left, WIDTH - pad.right, y, [0, max / 2, max], (v) => String(Math.round(v))),
  ];
  days.forEach((day, i) => {
    const x = pad.left + i * step + (step - barW) / 2;
    const top = y(day.conversations);
    parts.push(
      `<rect class="bar" x="${r(x)}" y="${r(top)}" width="${r(barW)}" height="${r(pad.top + plotH - top)}" fill="${COLORS.primary}"><title>${day.date}: ${day.conversations} conversations, ${day.escalations} escalations</title></rect>`,
    );
  });
  parts.push(
    dateLabels(
      days.map((day) => day.date),
      pad.left,
      step,
      height - 10,
    ),
  );
  return svg(height, parts, 'Conversations per day');
}

function rateLines(report: CxReport): string {
  const days = report.daily;
  if (days.length === 0) return noData();
  const height = 220;
  const pad = { left: 40, right: 8, top: 10, bottom: 30 };
  const plotW = WIDTH - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const step = plotW / days.length;
  const x = (i: number) => pad.left + i * step + step / 2;
  const y = (value: number) => pad.top + plotH - value * plotH;
  const parts: string[] = [
    axisY(pad.left, WIDTH - pad.right, y, [0, 0.5, 1], (v) => `${Math.round(v * 100)}%`),
  ];
  const series = [
    {
      key: 'firstInteractionResolutionRate' as const,
      label: 'First-interaction resolution',
      color: COLORS.good,
    },
    { key: 'escalationRate' as const, label: 'Escalation rate', color: COLORS.accent },
  ];
  for (const s of series) {
    // A day without conversations has no rate: the line breaks there instead of dropping to zero.
    let d = '';
    let pen = false;
    days.forEach((day, i) => {
      const value = day[s.key];
      if (value === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${r(x(i))},${r(y(value))} `;
      pen = true;
      parts.push(
        `<circle class="point" cx="${r(x(i))}" cy="${r(y(value))}" r="3.5" fill="${s.color}"><title>${day.date} ${s.label}: ${percent(value)}</title></circle>`,
      );
    });
    if (d)
      parts.push(`<path class="line" d="${d.trim()}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
  }
  parts.push(
    dateLabels(
      days.map((day) => day.date),
      pad.left,
      step,
      height - 10,
    ),
  );
  return `${svg(height, parts, 'Rates per day')}${legend(series)}`;
}

function reasonBars(report: CxReport): string {
  const entries = Object.entries(report.escalationsByReason).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  if (entries.length === 0) return noData('No escalations in this period.');
  const rowH = 26;
  const labelW = 150;
  const height = entries.length * rowH + 10;
  const max = Math.max(...entries.map(([, count]) => count));
  const plotW = WIDTH - labelW - 50;
  const parts = entries.map(([reason, count], i) => {
    const y = 5 + i * rowH;
    const w = Math.max(2, (count / max) * plotW);
    const precision = report.escalationPrecisionByReason[reason];
    const tip = `${reason}: ${count}${precision === undefined ? '' : `, marked needed ${percent(precision)}`}`;
    return `<text x="${labelW - 6}" y="${y + rowH / 2 + 4}" text-anchor="end">${escapeHtml(reason.replaceAll('_', ' '))}</text><rect class="bar" x="${labelW}" y="${y + 4}" width="${r(w)}" height="${rowH - 8}" fill="${COLORS.accent}"><title>${escapeHtml(tip)}</title></rect><text x="${r(labelW + w + 6)}" y="${y + rowH / 2 + 4}">${count}</text>`;
  });
  return svg(height, parts, 'Escalations by reason');
}

function sentimentBars(report: CxReport): string {
  const t = report.sentimentByTouchpoint;
  const items: { label: string; value: number | null; n?: number }[] = [
    { label: 'AI answering', value: t.ai, n: t.counts.ai },
    { label: 'Waiting for agent', value: t.queued, n: t.counts.queued },
    { label: 'Agent answering', value: t.agent, n: t.counts.agent },
    { label: 'Start of conversation', value: report.averageSentimentStart },
    { label: 'End of conversation', value: report.averageSentimentEnd },
  ];
  if (items.every((item) => item.value === null)) return noData();
  const height = 240;
  const pad = { left: 36, right: 8, top: 14, bottom: 34 };
  const plotW = WIDTH - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const y = (value: number) => pad.top + ((1 - value) / 2) * plotH; // -1..1
  const step = plotW / items.length;
  const barW = step * 0.55;
  const parts: string[] = [axisY(pad.left, WIDTH - pad.right, y, [-1, -0.5, 0, 0.5, 1], (v) => String(v))];
  parts.push(
    `<line x1="${pad.left}" x2="${WIDTH - pad.right}" y1="${r(y(0))}" y2="${r(y(0))}" stroke="#9ca3af"/>`,
  );
  items.forEach((item, i) => {
    const cx = pad.left + i * step + step / 2;
    parts.push(`<text x="${r(cx)}" y="${height - 14}" text-anchor="middle">${escapeHtml(item.label)}</text>`);
    if (item.value === null) {
      parts.push(`<text x="${r(cx)}" y="${r(y(0) - 6)}" text-anchor="middle" class="muted">no data</text>`);
      return;
    }
    // A bar of at least 2 px keeps a neutral average visible.
    const top = Math.min(y(item.value), y(0) - 1);
    const h = Math.max(2, Math.abs(y(item.value) - y(0)));
    const color = i >= 3 ? COLORS.primary : item.value >= 0 ? COLORS.good : COLORS.bad;
    const n = item.n === undefined ? '' : ` (${item.n} messages)`;
    parts.push(
      `<rect class="bar" x="${r(cx - barW / 2)}" y="${r(item.value >= 0 ? top : y(0))}" width="${r(barW)}" height="${r(h)}" fill="${color}"><title>${escapeHtml(item.label)}: ${item.value.toFixed(2)}${n}</title></rect>`,
      `<text x="${r(cx)}" y="${r(item.value >= 0 ? top - 4 : y(0) + h + 12)}" text-anchor="middle">${item.value.toFixed(2)}</text>`,
    );
  });
  return svg(height, parts, 'Sentiment by touchpoint');
}

function speedTable(report: CxReport): string {
  const rows: [string, Percentiles][] = [
    ['First AI reply', report.speed.firstAiReplySeconds],
    ['Time to claim', report.speed.timeToClaimSeconds],
    ['First human reply', report.speed.firstHumanReplySeconds],
    ['Time to resolution (by an agent)', report.speed.timeToResolutionSeconds],
  ];
  return `<table><thead><tr><th></th><th class="num">p50</th><th class="num">p90</th><th class="num">n</th></tr></thead><tbody>${rows
    .map(
      ([label, p]) =>
        `<tr><td>${label}</td><td class="num">${duration(p.p50)}</td><td class="num">${duration(p.p90)}</td><td class="num">${p.count}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function qualityTable(report: CxReport): string {
  const rows: [string, string][] = [
    ['Resolved / open conversations', `${report.resolvedConversations} / ${report.openConversations}`],
    ['Reopened within the window', String(report.reopenedConversations)],
    ['Handoffs per conversation', decimal(report.averageHandoffsPerConversation)],
    ['Customer repeated after a handoff', percent(report.repeatAfterHandoffRate)],
    ['Escalation feedback answers', String(report.escalationFeedbackResponses)],
    ['CSAT answers', String(report.csatResponses)],
    ['CSAT, resolved by an agent', decimal(report.csatByResolver.agent)],
    ['CSAT, handed back to the AI', decimal(report.csatByResolver.handed_back)],
    ['CSAT, resolved by the AI', decimal(report.csatByResolver.ai)],
    // Actions on the business's systems (issue 15).
    [
      'Actions proposed / approved / denied / failed',
      `${report.actions.proposed} / ${report.actions.approved} / ${report.actions.denied} / ${report.actions.failed}`,
    ],
    ['Median time to approve an action', duration(report.actions.medianTimeToApproveSeconds)],
  ];
  return `<table><tbody>${rows
    .map(([label, value]) => `<tr><td>${label}</td><td class="num">${escapeHtml(value)}</td></tr>`)
    .join('')}</tbody></table>`;
}

function svg(height: number, parts: string[], label: string): string {
  return `<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(label)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}

function axisY(
  x1: number,
  x2: number,
  y: (v: number) => number,
  ticks: number[],
  label: (v: number) => string,
): string {
  return ticks
    .map(
      (tick) =>
        `<line x1="${x1}" x2="${x2}" y1="${r(y(tick))}" y2="${r(y(tick))}" stroke="${COLORS.grid}"/><text x="${x1 - 6}" y="${r(y(tick) + 4)}" text-anchor="end">${label(tick)}</text>`,
    )
    .join('');
}

function dateLabels(dates: string[], left: number, step: number, y: number): string {
  // At most ~10 labels, so a 90-day report stays readable.
  const every = Math.max(1, Math.ceil(dates.length / 10));
  return dates
    .map((date, i) =>
      i % every === 0
        ? `<text x="${r(left + i * step + step / 2)}" y="${y}" text-anchor="middle">${date.slice(5)}</text>`
        : '',
    )
    .join('');
}

function legend(series: { label: string; color: string }[]): string {
  return `<div class="legend">${series
    .map((s) => `<span><i class="swatch" style="background:${s.color}"></i>${escapeHtml(s.label)}</span>`)
    .join('')}</div>`;
}

function noData(text = 'No data for this period.'): string {
  return `<p class="muted">${escapeHtml(text)}</p>`;
}

function niceMax(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 2.5, 5, 10]) if (value <= factor * magnitude) return factor * magnitude;
  return 10 * magnitude;
}

function r(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** `0.25` → `25%`; `null` → `—`. */
export function percent(value: number | null): string {
  return value === null
    ? '—'
    : `${(value * 100).toFixed(Math.abs(value * 100 - Math.round(value * 100)) < 0.05 ? 0 : 1)}%`;
}

/** Seconds as `45s`, `6m 27s` or `2h 05m`; `null` → `—`. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${Math.round(seconds * 10) / 10}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Two decimals; `null` → `—`. */
export function decimal(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

/** A midnight shows as its date; an exclusive end at midnight shows as the day before (the last day covered). */
function formatDate(iso: string, exclusiveEnd = false): string {
  if (!iso.endsWith('T00:00:00.000Z')) return iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
  return exclusiveEnd ? new Date(Date.parse(iso) - 1).toISOString().slice(0, 10) : iso.slice(0, 10);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
