// Compiled once at startup from constants in the code base, never from requests.
const CHECKS = { tachycardia: 'hr > 100', fever: 'tempC >= 38' };

const compiled = Object.fromEntries(Object.entries(CHECKS).map(([name, expr]) => [name, new Function('hr', 'tempC', `return ${expr};`)]));

function evaluate(name, vitals) {
  return compiled[name](vitals.hr, vitals.tempC);
}

module.exports = { evaluate };
