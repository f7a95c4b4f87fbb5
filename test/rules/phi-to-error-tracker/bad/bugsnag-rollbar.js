import Bugsnag from '@bugsnag/js';
import Rollbar from 'rollbar';

const rollbar = new Rollbar({ accessToken: process.env.ROLLBAR_TOKEN });

export function onClaimRejected(err, claim, patientRecord) {
  Bugsnag.notify(err, (event) => event.addMetadata('claim', { claim }));
  Bugsnag.leaveBreadcrumb('claim rejected', { member: patientRecord.memberId }); // expect: phi-to-error-tracker
  rollbar.error('claim rejected', { patientRecord }); // expect: phi-to-error-tracker
}
