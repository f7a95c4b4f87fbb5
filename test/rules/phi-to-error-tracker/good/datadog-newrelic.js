import { datadogRum } from '@datadog/browser-rum';
import newrelic from 'newrelic';

export function onSession(user, release) {
  datadogRum.setUser({ id: user.id, role: user.role });
  datadogRum.setGlobalContextProperty('release', release);
  newrelic.addCustomAttribute('vitalCount', 3);
}
