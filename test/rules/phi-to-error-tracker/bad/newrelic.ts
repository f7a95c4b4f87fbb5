// @ts-nocheck
import newrelic from 'newrelic';
import type { Observation } from 'fhir/r4';

export function recordVitals(obs: Observation) {
  newrelic.addCustomAttribute('lastVital', JSON.stringify(obs.valueQuantity)); // expect: phi-to-error-tracker
  newrelic.addCustomAttribute('vitalCount', 1);
}
