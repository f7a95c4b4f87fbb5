const session = require('express-session');

const sessionSecret = 'super-secret-session-key'; // expect: hardcoded-secret

module.exports = session({ secret: sessionSecret, resave: false, saveUninitialized: false });
