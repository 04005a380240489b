// The agreement page: a case's MoU reviews, rounds and files, and uploads of new versions. It calls
// /api within the Tasklist session; changes carry the session's CSRF token. Data is written into the
// page as text only, never as HTML.
(function () {
  'use strict';

  var caseReference = new URLSearchParams(window.location.search).get('case') || '';
  var status = document.getElementById('status');
  document.getElementById('case-reference').textContent = caseReference;

  function api(path) {
    return '/api/cases/' + encodeURIComponent(caseReference) + '/mou' + path;
  }

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'error' : '';
  }

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function table(headings, rows) {
    var result = element('table');
    var head = result.appendChild(element('tr'));
    headings.forEach(function (heading) { head.appendChild(element('th', heading)); });
    rows.forEach(function (cells) {
      var row = result.appendChild(element('tr'));
      cells.forEach(function (cell) {
        row.appendChild(cell instanceof Node ? wrap(cell) : element('td', cell));
      });
    });
    return result;
  }

  function wrap(node) {
    var cell = element('td');
    cell.appendChild(node);
    return cell;
  }

  function day(instant) {
    return instant ? String(instant).substring(0, 10) : '';
  }

  // the session's CSRF token, as the server hands it to this page with every read
  var csrfToken = '';

  function render(reviews) {
    var container = document.getElementById('reviews');
    container.textContent = '';
    if (reviews.length === 0) {
      container.appendChild(element('p', 'No agreement of this case has been reviewed yet.'));
    }
    reviews.forEach(function (entry) {
      var review = entry.review;
      container.appendChild(element('h3', 'Review started ' + day(review.startedAt) + ': '
        + (review.outcome || 'in progress')));
      container.appendChild(element('p', review.reason));
      container.appendChild(element('p', 'Required clauses: ' + review.requiredClauses.join(', ')));
      if (review.outcome) {
        container.appendChild(element('p', 'Decided by ' + review.decidedBy + ' on ' + day(review.decidedAt)
          + (review.securityClauseIncluded ? ' (security clause included)' : ' (security clause missing)')
          + (review.decisionNote ? ': ' + review.decisionNote : '')));
      }
      container.appendChild(table(['File', 'Version', 'Type', 'Size', 'Uploaded', 'What changed / expires'],
        entry.documents.map(function (document_) {
          var link = element('a', document_.fileName);
          link.href = api('/documents/' + document_.id);
          return [link, document_.kind + ' ' + document_.version,
            document_.mediaType === 'application/pdf' ? 'PDF' : 'Word',
            Math.max(1, Math.round(document_.sizeBytes / 1024)) + ' KB',
            document_.uploadedBy + ', ' + day(document_.uploadedAt),
            document_.expiresOn ? 'expires ' + document_.expiresOn : (document_.changeNote || '')];
        })));
      container.appendChild(table(['Round', 'Draft', 'Reviewed by', 'Decided', 'Days', 'Decision', 'Clauses', 'Notes'],
        entry.rounds.map(function (round) {
          return [round.round, round.draftVersion, round.reviewedBy, day(round.reviewedAt), round.ageDays,
            round.decision,
            round.clauses.map(function (c) { return c.clauseId + ': ' + c.status + (c.note ? ' (' + c.note + ')' : ''); })
              .join('; '),
            round.notes || ''];
        })));
    });
  }

  function load() {
    return fetch(api(''), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        csrfToken = response.headers.get('X-XSRF-TOKEN') || csrfToken;
        if (response.status === 401) {
          say('Sign in to Tasklist first, then open this page again.', true);
          return null;
        }
        if (!response.ok) {
          say('No case ' + caseReference + ' that you may read.', true);
          return null;
        }
        return response.json();
      })
      .then(function (reviews) {
        if (reviews) {
          document.getElementById('upload').hidden = false;
          render(reviews);
        }
      });
  }

  var form = document.getElementById('upload-form');
  form.addEventListener('change', function () {
    var signed = form.elements.kind.value === 'signed';
    document.getElementById('signed-fields').hidden = !signed;
    document.getElementById('draft-fields').hidden = signed;
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var problems = document.getElementById('problems');
    problems.textContent = '';
    var kind = form.elements.kind.value;
    var body = new FormData();
    body.append('file', form.elements.file.files[0]);
    if (kind === 'signed') {
      body.append('expiresOn', form.elements.expiresOn.value);
    } else {
      body.append('changeNote', form.elements.changeNote.value);
    }
    fetch(api('/' + kind), {
      method: 'POST', credentials: 'same-origin', body: body,
      headers: { 'X-XSRF-TOKEN': csrfToken, Accept: 'application/json' }
    }).then(function (response) {
      return response.json().then(function (reply) {
        if (response.ok) {
          say('Uploaded ' + reply.fileName + ' as ' + reply.kind.toLowerCase() + ' version ' + reply.version + '.');
          form.reset();
          form.dispatchEvent(new Event('change'));
          return load();
        }
        (reply.problems || [{ field: '', message: reply.message }]).forEach(function (problem) {
          problems.appendChild(element('li', (problem.field ? problem.field + ': ' : '') + problem.message));
        });
        say('Not uploaded.', true);
      });
    }).catch(function () {
      say('The upload did not reach the server; try again.', true);
    });
  });

  load();
}());
