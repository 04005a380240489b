// The "Trusted Research" view in Cockpit: the programme's KPIs (GET /api/kpis) for a period beside
// the period before, as tables with bars. It reads the API within the Cockpit login; every value is
// put into the page as text, never as markup.

const PATH = '/trusted-research';

const SECTIONS = [
  {title: 'Cases', kpis: {
    'cases.started': 'Started, by process',
    'collaborations.byTierAndOutcome': 'Collaborations by risk tier and outcome'}},
  {title: 'Time to decision', kpis: {
    'decisions.count': 'Decided, by risk tier',
    'decisions.medianDays': 'Median days to decision',
    'decisions.p90Days': '90th percentile, days'}},
  {title: 'Stages', kpis: {
    'stages.count': 'Tasks completed',
    'stages.medianHours': 'Median hours',
    'stages.p90Hours': '90th percentile, hours'}},
  {title: 'Service level', kpis: {
    'serviceLevel.withinDueShare': 'Tasks done by their due date, by process'}},
  {title: 'Sanctions screening', kpis: {
    'sanctions.potentialMatches': 'Potential matches, by resolution'}},
  {title: 'Agreements', kpis: {
    'agreements.signed': 'MoUs signed',
    'agreements.securityClauseShare': 'Signed with the security clause'}},
  {title: 'Incidents', kpis: {
    'incidents.reported': 'Reported, by category',
    'incidents.triageMedianHours': 'Median hours to triage',
    'incidents.triageP90Hours': '90th percentile hours to triage',
    'incidents.icoDecisions': 'ICO decisions',
    'incidents.icoWithin72hShare': 'ICO decisions within 72 hours'}},
  {title: 'Thanks', kpis: {
    'thankYou.sent': 'Thank-you messages sent'}},
  {title: 'Cases held for training', kpis: {
    'trainingHolds.begun': 'Cases held for their requester\'s training',
    'trainingHolds.count': 'Holds ended, by what ended them',
    'trainingHolds.medianDays': 'Median days held',
    'trainingHolds.p90Days': '90th percentile, days held'}},
  {title: 'Training now', kpis: {
    'training.current': 'People with current training, by department',
    'training.currentShare': 'Share of the department with current training'}},
  {title: 'Staff survey: the latest closed campaign beside the one before', kpis: {
    'survey.meanScore': 'Mean score (1 to 5), by statement',
    'survey.responses': 'Responses'}},
  {title: 'Security champions now', kpis: {
    'champions.count': 'Champions, by department',
    'champions.coverageShare': 'Departments with at least one'}},
  {title: 'Work waiting now', kpis: {
    'tasks.open': 'Open tasks, by group',
    'tasks.overdue': 'Overdue tasks, by group',
    'tasks.oldestDays': 'Age of the oldest, days',
    'reReviews.overdue': 'Re-reviews overdue'}}
];

function element(tag, properties, children) {
  const node = document.createElement(tag);
  Object.entries(properties || {}).forEach(([name, value]) => {
    if (name === 'text') {
      node.textContent = value;
    } else if (name === 'style') {
      node.setAttribute('style', value);
    } else {
      node.setAttribute(name, value);
    }
  });
  (children || []).forEach(child => node.appendChild(child));
  return node;
}

function formatted(value, unit) {
  if (value === null || value === undefined) {
    return '–';
  }
  if (unit === 'SHARE') {
    return (value * 100).toFixed(1) + ' %';
  }
  return unit === 'COUNT' ? String(Math.round(value)) : value.toFixed(1);
}

function change(measure) {
  if (measure.previous === null || measure.previous === undefined || measure.current === null) {
    return '';
  }
  const difference = measure.current - measure.previous;
  if (difference === 0) {
    return '=';
  }
  return (difference > 0 ? '+' : '−') + formatted(Math.abs(difference), measure.unit);
}

function bars(measure, largest) {
  const width = value => (largest > 0 && value ? Math.max(1, Math.round(100 * value / largest)) : 0);
  const bar = (value, colour, label) => element('div', {
    'class': 'trc-bar', title: label,
    style: 'height:8px;margin:1px 0;background:' + colour + ';width:' + width(value) + '%'
  });
  return element('div', {style: 'width:100%'}, [
    bar(measure.current, '#1a5b8f', 'this period'),
    bar(measure.previous, '#a9c3d8', 'period before')]);
}

function table(section, measures) {
  const rows = measures.filter(measure => section.kpis[measure.kpi]);
  if (rows.length === 0) {
    return null;
  }
  const largest = {};
  rows.forEach(measure => {
    largest[measure.kpi] = Math.max(largest[measure.kpi] || 0, measure.current || 0, measure.previous || 0);
  });
  const columns = [['Measure', '30%'], ['For', '26%'], ['This period', '11%'], ['Period before', '11%'],
    ['Change', '9%'], ['', '13%']];
  const head = element('thead', {}, [element('tr', {}, columns
    .map(([title, width]) => element('th', {text: title, style: 'width:' + width})))]);
  const body = element('tbody', {}, rows.map(measure => element('tr', {
    'class': 'trc-measure', 'data-kpi': measure.kpi, 'data-dimension': measure.dimension
  }, [
    element('td', {text: section.kpis[measure.kpi]}),
    element('td', {text: measure.dimension}),
    element('td', {'class': 'trc-current', 'data-value': measure.current === null ? '' : String(measure.current),
      text: formatted(measure.current, measure.unit)}),
    element('td', {'class': 'trc-previous', 'data-value': measure.previous === null ? '' : String(measure.previous),
      text: formatted(measure.previous, measure.unit)}),
    element('td', {text: change(measure)}),
    element('td', {}, [bars(measure, largest[measure.kpi])])
  ])));
  return element('section', {'class': 'trc-section'}, [
    element('h3', {text: section.title}),
    element('table', {'class': 'table cam-table', style: 'table-layout:fixed;width:100%'}, [head, body])]);
}

function isoDate(date) {
  return date.toISOString().substring(0, 10);
}

function render(node) {
  const today = new Date();
  const from = element('input', {type: 'date', name: 'from', value: isoDate(new Date(today.getTime() - 89 * 86400000))});
  const to = element('input', {type: 'date', name: 'to', value: isoDate(today)});
  const show = element('button', {type: 'submit', 'class': 'btn btn-primary', text: 'Show'});
  const status = element('p', {'class': 'trc-status', role: 'status'});
  const results = element('div', {'class': 'trc-results'});
  const presets = [[30, 'Last 30 days'], [90, 'Last 90 days'], [365, 'Last 12 months']].map(([days, label]) => {
    const button = element('button', {type: 'button', 'class': 'btn btn-default', text: label});
    button.addEventListener('click', () => {
      from.value = isoDate(new Date(today.getTime() - (days - 1) * 86400000));
      to.value = isoDate(today);
      load();
    });
    return button;
  });
  const form = element('form', {'class': 'form-inline trc-period', style: 'margin-bottom:1em'}, [
    element('label', {text: 'From '}, [from]), document.createTextNode(' '),
    element('label', {text: 'To '}, [to]), document.createTextNode(' '), show, document.createTextNode(' ')
  ].concat(presets));

  async function load() {
    status.textContent = 'Loading…';
    results.replaceChildren();
    try {
      const query = new URLSearchParams({from: from.value, to: to.value});
      const response = await fetch('/api/kpis?' + query, {credentials: 'same-origin',
        headers: {Accept: 'application/json'}});
      const body = await response.json();
      if (!response.ok) {
        status.textContent = body.message || ('The KPIs could not be read (' + response.status + ')');
        return;
      }
      status.textContent = 'From ' + body.period.from + ' to ' + body.period.to + ', compared with '
        + body.previousPeriod.from + ' to ' + body.previousPeriod.to + ' (' + body.zone + '); figures as of '
        + new Date(body.asOf).toLocaleTimeString() + '.';
      SECTIONS.map(section => table(section, body.measures)).filter(Boolean)
        .forEach(section => results.appendChild(section));
    } catch (error) {
      status.textContent = 'The KPIs could not be read: ' + error.message;
    }
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    load();
  });
  node.appendChild(element('div', {'class': 'trc-kpis', style: 'padding:1em 2em'}, [
    element('h2', {text: 'Trusted Research programme'}), form, status, results]));
  load();
}

export default [
  {
    id: 'trustedResearch.kpis.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 5,
    properties: {
      pagePath: '#' + PATH,
      label: 'Trusted Research',
      checkActive: path => path.indexOf('#' + PATH) > -1
    }
  },
  {
    id: 'trustedResearch.kpis.view',
    pluginPoint: 'cockpit.route',
    properties: {path: PATH, label: 'Trusted Research'},
    render: render
  }
];
