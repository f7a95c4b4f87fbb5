export function reportSymptoms(symptoms, dateOfBirth) {
  const payload = JSON.stringify({ symptoms, dateOfBirth });
  navigator.sendBeacon('https://collect.symptom-stats.example/ingest', payload); // expect: phi-to-third-party-http
}
