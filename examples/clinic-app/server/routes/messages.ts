import { Router } from 'express';
import mongoose, { Schema } from 'mongoose';
import { requireAuth } from '../middleware/auth';
import { logger } from '../../lib/logger';

/** Secure messages between patients and the care team (MongoDB, encrypted at rest by the cluster). */
const messageSchema = new Schema(
  {
    patientId: { type: String, required: true, index: true },
    threadId: { type: String, required: true, index: true },
    fromStaff: { type: Boolean, default: false },
    body: { type: String, required: true },
    sentAt: { type: Date, default: Date.now },
    readAt: { type: Date, default: null },
  },
  { collection: 'messages' },
);

export const Message = mongoose.models.Message ?? mongoose.model('Message', messageSchema);

export const messagesRouter = Router();

/** Inbox: messages for one patient, newest first. */
messagesRouter.post('/messages/search', requireAuth, async (req, res, next) => {
  try {
    const messages = await Message.find({ patientId: req.body.patientId, readAt: null }).sort({ sentAt: -1 }).limit(50);
    logger.info('inbox loaded', { userId: req.user?.sub, count: messages.length });
    res.json(messages.map((m) => ({ id: m.id, threadId: m.threadId, fromStaff: m.fromStaff, sentAt: m.sentAt })));
  } catch (err) {
    next(err);
  }
});

/** One thread, oldest first. The id is validated and compared with $eq. */
messagesRouter.get('/messages/threads/:threadId', requireAuth, async (req, res, next) => {
  try {
    const threadId = String(req.params.threadId);
    if (!/^[a-f0-9]{24}$/.test(threadId)) {
      res.status(400).json({ error: 'invalid thread id' });
      return;
    }
    const messages = await Message.find({ threadId: { $eq: threadId } }).sort({ sentAt: 1 }).limit(200);
    res.json(messages);
  } catch (err) {
    next(err);
  }
});

messagesRouter.post('/messages/:id/read', requireAuth, async (req, res, next) => {
  try {
    const id = String(req.params.id);
    if (!mongoose.isValidObjectId(id)) {
      res.status(400).json({ error: 'invalid message id' });
      return;
    }
    const result = await Message.updateOne({ _id: { $eq: id } }, { $set: { readAt: new Date() } });
    res.json({ updated: result.modifiedCount });
  } catch (err) {
    next(err);
  }
});
