package dev.switchboard.loadgen.traffic;

/**
 * One simulated customer: its token, its channel and, on the WebSocket, its one socket. With more than one turn per
 * conversation it continues the conversation its last reply named, so sending never waits for a reply.
 */
public final class Customer {

    private final String token;
    private final Channel channel;
    private volatile ChatSocket socket;
    private String conversationId;
    private int turnsInConversation;

    Customer(String token, Channel channel) {
        this.token = token;
        this.channel = channel;
    }

    String token() {
        return token;
    }

    Channel channel() {
        return channel;
    }

    public boolean usesWebSocket() {
        return channel == Channel.WEBSOCKET;
    }

    public ChatSocket socket() {
        return socket;
    }

    void attach(ChatSocket socket) {
        this.socket = socket;
    }

    /** The conversation for the next message; null starts a new one. */
    synchronized String nextConversation(int turns) {
        if (conversationId != null && turnsInConversation < turns) {
            turnsInConversation++;
            return conversationId;
        }
        conversationId = null;
        turnsInConversation = 1;
        return null;
    }

    synchronized void replied(String conversation, int turns) {
        if (turns > 1 && conversationId == null && conversation != null) {
            conversationId = conversation;
        }
    }
}
