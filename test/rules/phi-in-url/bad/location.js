export function printLabel(patientRecord) {
  window.location.href = '/labels/print?mrn=' + patientRecord.mrn + '&dob=' + patientRecord.dob; // expect: phi-in-url
}

export function rememberSearch(lastName) {
  history.replaceState(null, '', `?lastName=${lastName}`); // expect: phi-in-url
}
