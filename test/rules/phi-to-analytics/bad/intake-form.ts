// @ts-nocheck
import { trackEvent } from './lib/track';

interface IntakeForm {
  dateOfBirth: string;
  chiefComplaint: string;
  insuranceId: string;
}

export function submitIntake(form: IntakeForm) {
  trackEvent('intake_submitted', { complaint: form.chiefComplaint, dob: form.dateOfBirth });
}
