// Cockpit's configuration, replacing the one in Camunda's webjar (README, "Evaluate").
export default {
  // the "Trusted Research" view: the programme's KPIs for a period beside the period before
  customScripts: ['trusted-research/kpis']
};
