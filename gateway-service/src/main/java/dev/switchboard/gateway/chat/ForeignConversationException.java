package dev.switchboard.gateway.chat;

/** A message that names a conversation which is not its sender's: refused before anything is sent on. */
class ForeignConversationException extends InvalidFieldException {

    ForeignConversationException() {
        super("conversationId", "names no conversation of yours; leave it out to start a new one, or use the id the "
                + "gateway gave you (POST /api/v1/chat/conversations, or the conversationId of a reply)");
    }

    @Override
    int status() {
        return 403;
    }
}
