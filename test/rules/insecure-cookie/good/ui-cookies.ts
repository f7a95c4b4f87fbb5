// @ts-nocheck
import express from 'express';

const app = express();

app.post('/preferences', (req, res) => {
  res.cookie('accessibility_mode', req.body.highContrast ? 'high-contrast' : 'default', { maxAge: 31536000 });
  res.cookie('side_panel', 'collapsed');
  res.cookie('author_sort', 'date');
  res.sendStatus(204);
});

export default app;
