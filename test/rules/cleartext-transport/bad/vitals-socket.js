const config = {
  webhookUrl: 'http://alerts.pager-vendor.example/hooks/vitals', // expect: cleartext-transport
};

export function streamVitals(bedId) {
  const ws = new WebSocket('ws://monitor.hospital.example/vitals'); // expect: cleartext-transport
  ws.onopen = () => ws.send(JSON.stringify({ subscribe: bedId }));
  return { ws, config };
}
