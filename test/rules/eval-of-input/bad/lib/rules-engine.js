function evaluateRule(expression, context) {
  return Function('ctx', `with (ctx) { return (${expression}); }`)(context); // expect: eval-of-input
}

module.exports = { evaluateRule };
