// Tasklist when a form is sent twice or someone else acted first.
//
// 1. A start form sends an Idempotency-Key (README, "Conflicts and retried requests"): a retry
//    after a lost answer, or a second click, is answered with the first case instead of another.
// 2. A task that someone else decided or claimed a moment before is answered with 409 and a
//    sentence naming who (TaskConflicts); Tasklist shows that sentence already, but under the title
//    "An error happened ...". The title says what happened instead.
//
// Tasklist calls the engine through the SDK's HTTP client (camAPIHttpClient), not AngularJS's
// $http, so an $http interceptor would see none of these requests: the client is decorated instead.

const angular = window.angular;

const CONFLICT_TITLE = 'Someone else was quicker';
const START = /^process-definition\/(?:key\/[^/]+(?:\/tenant-id\/[^/]+)?|[^/]+)\/(?:submit-form|start)$/;
const START_FORM = /^process-definition\/(?:key\/[^/]+(?:\/tenant-id\/[^/]+)?|[^/]+)\/startForm$/;
const TASK_COMMAND = /^task\/[^/]+\/[^/]+$/;

/** A version 4 UUID; crypto.randomUUID exists only on HTTPS pages, getRandomValues everywhere. */
function randomUuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, byte => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// The key of the start form on screen. Tasklist loads a process's start form (GET .../startForm)
// each time its dialog shows one, also after "Back" and another pick, and never while the form is
// open: a new key per form shown, so every click and retry from one dialog sends the same key, and
// the same answers given again in a new dialog file a new case.
let startKey = null;
// The server's sentences for task conflicts on their way to Tasklist's error notification.
const conflicts = new Set();

function path(url) {
  return String(url || '').replace(/^\/+/, '').split('?')[0];
}

angular.module('trustedResearch.conflicts', [])
  .config(['$provide', $provide => {
    $provide.decorator('camAPIHttpClient', ['$delegate', HttpClient => {
      const get = HttpClient.prototype.get;
      const post = HttpClient.prototype.post;

      HttpClient.prototype.get = function (url, options) {
        if (START_FORM.test(path(url))) {
          startKey = randomUuid();
        }
        return get.call(this, url, options);
      };

      HttpClient.prototype.post = function (url, options) {
        const request = options || {};
        if (START.test(path(url))) {
          startKey = startKey || randomUuid();
          request.headers = Object.assign({}, request.headers, {'Idempotency-Key': startKey});
        } else if (TASK_COMMAND.test(path(url))) {
          const done = request.done;
          request.done = function (error) {
            const body = error && error.response && error.response.body;
            if (error && error.status === 409 && body && body.type === 'Conflict' && body.message) {
              conflicts.add(body.message);
            }
            return done && done.apply(this, arguments);
          };
        }
        return post.call(this, url, request);
      };
      return HttpClient;
    }]);

    $provide.decorator('Notifications', ['$delegate', notifications => {
      const addError = notifications.addError;
      notifications.addError = function (notification) {
        if (notification && conflicts.delete(notification.message)) {
          notification.status = CONFLICT_TITLE;
        }
        return addError.apply(this, arguments);
      };
      return notifications;
    }]);
  }]);
