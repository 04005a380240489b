// Tasklist's configuration, replacing the one in Camunda's webjar: Camunda's shortcuts, and the
// project's script for forms that two people, or two clicks, send at once (README, "Conflicts and
// retried requests").
export default {
  customScripts: ['trusted-research/conflicts'],
  requireJsConfig: {
    // the AngularJS module that trusted-research/conflicts.js defines
    ngDeps: ['trustedResearch.conflicts']
  },

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
