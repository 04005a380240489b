// The anonymous report page: sends the report without credentials or cookies, shows the receipt
// code once, and looks up a report's status by its code. Server answers are written as text only.
(function () {
  'use strict';

  var api = '/api/incidents/anonymous';

  function localTime(value) {
    return value ? value : null;
  }

  document.getElementById('report-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var form = event.target;
    var problems = document.getElementById('problems');
    var receipt = document.getElementById('receipt');
    problems.textContent = '';
    receipt.textContent = '';
    fetch(api, {
      method: 'POST', credentials: 'omit', referrerPolicy: 'no-referrer',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        incidentCategory: form.elements.incidentCategory.value,
        description: form.elements.description.value,
        occurredAt: localTime(form.elements.occurredAt.value),
        awareAt: localTime(form.elements.awareAt.value),
        relatedCaseReference: form.elements.relatedCaseReference.value || null,
        confidential: form.elements.confidential.checked
      })
    }).then(function (response) {
      return response.json().then(function (reply) {
        if (response.ok) {
          form.reset();
          receipt.textContent = 'Thank you. Your report was received. Your receipt code is ' + reply.receiptCode
            + ' – write it down now: it is not shown again and cannot be recovered.';
          return;
        }
        (reply.problems || [{ field: '', message: reply.message }]).forEach(function (problem) {
          var item = document.createElement('li');
          item.textContent = (problem.field ? problem.field + ': ' : '') + problem.message;
          problems.appendChild(item);
        });
      });
    }).catch(function () {
      receipt.textContent = 'The report did not reach the server; please try again.';
    });
  });

  document.getElementById('status-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var status = document.getElementById('status');
    var code = event.target.elements.code.value.trim();
    fetch(api + '/' + encodeURIComponent(code), { credentials: 'omit', referrerPolicy: 'no-referrer' })
      .then(function (response) {
        if (!response.ok) {
          status.textContent = 'No report with this receipt code.';
          return null;
        }
        return response.json();
      })
      .then(function (reply) {
        if (reply) {
          status.textContent = 'Status: ' + reply.status;
        }
      });
  });
}());
